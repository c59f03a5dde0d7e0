using System;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>Who is running the command, as plans and the audit record it: user@machine.</summary>
    internal static class OperatorName
    {
        internal static string Current => $"{Environment.UserName}@{Environment.MachineName}";
    }
}
