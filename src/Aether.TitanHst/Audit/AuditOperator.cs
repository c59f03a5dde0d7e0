using System;
using System.Runtime.InteropServices;

namespace Aether.TitanHst.Audit
{
    /// <summary>Who wrote an entry: the account and the machine.</summary>
    public sealed class AuditOperator
    {
        public AuditOperator(string user, string machine)
        {
            User = user;
            Machine = machine;
        }

        /// <summary>DOMAIN\user on Windows, the user name elsewhere.</summary>
        public string User { get; }

        public string Machine { get; }

        /// <summary>The account this process runs as.</summary>
        public static AuditOperator Current()
        {
            var user = Environment.UserName;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && !string.IsNullOrEmpty(Environment.UserDomainName))
            {
                user = Environment.UserDomainName + "\\" + user;
            }

            return new AuditOperator(user, Environment.MachineName);
        }

        public override string ToString() => $"{User}@{Machine}";
    }
}
