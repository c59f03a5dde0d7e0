namespace Aether.TitanHst.Validation
{
    /// <summary>
    /// One site or role: how many people the sources put there (in scope) and how many active managed records
    /// TitanHST holds there.
    /// </summary>
    public sealed class SyncGroupCount
    {
        private readonly string _group;

        internal SyncGroupCount(string group) => _group = group;

        /// <summary>
        /// The site or role code; "(none)" for a blank one. It is TitanHST's or the sources' value, so one a spreadsheet
        /// would run as a formula gets a leading apostrophe: the object goes to Export-Csv as it is.
        /// </summary>
        public string Group => Reporting.SpreadsheetSafe.Text(_group)!;

        /// <summary>People in scope in the sources with this site or role.</summary>
        public int Source { get; internal set; }

        /// <summary>Active TitanHST records the connector manages with this site or role.</summary>
        public int Target { get; internal set; }

        /// <summary>Target minus Source: positive when TitanHST holds more, negative when it holds fewer.</summary>
        public int Difference => Target - Source;

        /// <summary>The code as counted, for renderers that escape it themselves (the report).</summary>
        public string GetGroup() => _group;

        public override string ToString() => $"{Group}: {Source} source, {Target} TitanHST ({Difference:+0;-0;0})";
    }
}
