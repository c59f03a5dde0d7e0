namespace Aether.TitanHst.Reporting
{
    /// <summary>The report's file format.</summary>
    public enum ReportFormat
    {
        /// <summary>One self-contained HTML page: inline CSS and SVG, no script, nothing fetched.</summary>
        Html,

        /// <summary>Markdown for a ticket or an email.</summary>
        Markdown,
    }
}
