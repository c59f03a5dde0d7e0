namespace Aether.TitanHst.Canonical
{
    /// <summary>Where a canonical record came from: one source row, by file and line.</summary>
    public sealed class SourceRowReference
    {
        public SourceRowReference(string source, string file, int line)
        {
            Source = source;
            File = file;
            Line = line;
        }

        /// <summary>The source's name in the contract.</summary>
        public string Source { get; }

        public string File { get; }

        public int Line { get; }

        public override string ToString() => $"{Source}:{Line}";
    }
}
