using System;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// Stops a read or a write when TitanHST reports a staff schema other than the one the contract was written for:
    /// fields may have been renamed, resized or made required. Only an explicit acknowledgement of that exact version
    /// (audited by the caller) lets it go ahead.
    /// </summary>
    public static class SchemaGuard
    {
        /// <summary>True when the reported version differs from the contract's and was acknowledged; the caller audits it.</summary>
        /// <exception cref="ApplyRefusedException">The versions differ and the difference was not acknowledged (<see cref="ApplyErrorIds.SchemaChanged"/>).</exception>
        public static bool Check(MappingContract? contract, string reported, string? acknowledged)
        {
            var expected = contract?.TitanHstSchemaVersion;
            if (expected is null || string.Equals(expected, reported, StringComparison.Ordinal))
            {
                return false;
            }

            if (acknowledged is not null && string.Equals(acknowledged, reported, StringComparison.Ordinal))
            {
                return true;
            }

            throw new ApplyRefusedException(ApplyErrorIds.SchemaChanged,
                $"TitanHST reports staff schema {Shorten(reported)}, but contract {contract!.Id} {contract.Version} was written for {expected}. Nothing was read or written. "
                + $"Review the contract against the new schema (runbook: schema changed) and set titanHstSchemaVersion, or, once reviewed, pass -AcknowledgeSchemaVersion '{Shorten(reported)}' (audited).");
        }

        private static string Shorten(string text) => text.Length <= 64 ? text : text.Substring(0, 64) + "…";
    }
}
