namespace Aether.TitanHst.Sources
{
    /// <summary>How to read one delimited file, as the contract describes it.</summary>
    public sealed class CsvFileOptions
    {
        public CsvFileOptions(string encoding = TextEncodings.Utf8, string delimiter = ",", bool missingColumnsReadBlank = false, string? encodingAdvice = null)
        {
            EncodingAdvice = encodingAdvice;
            Encoding = encoding;
            Delimiter = delimiter;
            MissingColumnsReadBlank = missingColumnsReadBlank;
        }

        /// <summary>
        /// A column named but absent from the header reads as blank instead of stopping the read: only for checks
        /// that report the missing column themselves and go on with what does not need it (Test-MappingContract).
        /// </summary>
        public bool MissingColumnsReadBlank { get; }

        /// <summary>
        /// What to do when the file is not in <see cref="Encoding"/>, for a file no contract describes (a review sheet:
        /// "save it as CSV UTF-8"); null: the contract's advice, to set the source's encoding.
        /// </summary>
        public string? EncodingAdvice { get; }

        public string Encoding { get; }

        public string Delimiter { get; }
    }
}
