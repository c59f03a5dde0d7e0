namespace Aether.TitanHst.Validation
{
    /// <summary>
    /// One site or role: how many people the sources put there (in scope) and how many active managed records
    /// TitanHST holds there.
    /// </summary>
    public sealed class SyncGroupCount
    {
        internal SyncGroupCount(string group) => Group = group;

        /// <summary>The site or role code; "(none)" for a blank one.</summary>
        public string Group { get; }

        /// <summary>People in scope in the sources with this site or role.</summary>
        public int Source { get; internal set; }

        /// <summary>Active TitanHST records the connector manages with this site or role.</summary>
        public int Target { get; internal set; }

        /// <summary>Target minus Source: positive when TitanHST holds more, negative when it holds fewer.</summary>
        public int Difference => Target - Source;

        public override string ToString() => $"{Group}: {Source} source, {Target} TitanHST ({Difference:+0;-0;0})";
    }
}
