namespace Aether.TitanHst.Sources
{
    /// <summary>Where one field of the current row sits in the scanner's character buffer, as written in the file.</summary>
    internal struct CsvField
    {
        /// <summary>The first character of the field (its opening quote when quoted).</summary>
        internal int Start;

        /// <summary>The characters of the field as written, quotes included, delimiter and line ending excluded.</summary>
        internal int Length;

        /// <summary>How many quote characters the field holds; 0 means its text is used as written.</summary>
        internal int QuoteCount;

        /// <summary>A quote that cannot be where it is (inside an unquoted field, or after a closing quote and more text).</summary>
        internal bool IsBad;
    }
}
