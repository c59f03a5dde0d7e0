namespace Aether.TitanHst.Sources
{
    /// <summary>How to read one delimited file, as the contract describes it.</summary>
    public sealed class CsvFileOptions
    {
        public CsvFileOptions(string encoding = TextEncodings.Utf8, string delimiter = ",")
        {
            Encoding = encoding;
            Delimiter = delimiter;
        }

        public string Encoding { get; }

        public string Delimiter { get; }
    }
}
