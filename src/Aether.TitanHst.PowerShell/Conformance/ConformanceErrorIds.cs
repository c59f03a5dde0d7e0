namespace Aether.TitanHst.PowerShell.Conformance
{
    /// <summary>Stable error ids of Test-TitanHstApiConformance.</summary>
    internal static class ConformanceErrorIds
    {
        internal const string ConformanceWritesRefused = nameof(ConformanceWritesRefused);
        internal const string ForceNeedsReason = nameof(ForceNeedsReason);
        internal const string ReportFormatUnknown = nameof(ReportFormatUnknown);
        internal const string ReportWriteFailed = nameof(ReportWriteFailed);
        internal const string ConformanceAuditFailed = nameof(ConformanceAuditFailed);
        internal const string ConnectionHasNoSecret = nameof(ConnectionHasNoSecret);
        internal const string ConformanceRunFailed = nameof(ConformanceRunFailed);
    }
}
