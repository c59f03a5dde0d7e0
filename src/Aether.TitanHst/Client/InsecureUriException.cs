using System;

namespace Aether.TitanHst.Client
{
    /// <summary>A TitanHST or token URI that would send credentials in clear text to another machine.</summary>
    public sealed class InsecureUriException : ArgumentException
    {
        public InsecureUriException()
        {
        }

        public InsecureUriException(string message)
            : base(message)
        {
        }

        public InsecureUriException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public InsecureUriException(string message, string paramName)
            : base(message, paramName)
        {
        }
    }
}
