namespace Aether.TitanHst.Target
{
    /// <summary>One staff member of TitanHST's published schema.</summary>
    public sealed class TargetFieldInfo
    {
        public TargetFieldInfo(string name, string type, string? format, int? maxLength, bool required, bool readOnly, bool nullable)
        {
            Name = name;
            Type = type;
            Format = format;
            MaxLength = maxLength;
            Required = required;
            ReadOnly = readOnly;
            Nullable = nullable;
        }

        public string Name { get; }

        /// <summary>string, boolean or integer.</summary>
        public string Type { get; }

        /// <summary>null, email, date or date-time.</summary>
        public string? Format { get; }

        /// <summary>Maximum length in UTF-16 code units; null for non-strings.</summary>
        public int? MaxLength { get; }

        /// <summary>Required on create.</summary>
        public bool Required { get; }

        public bool ReadOnly { get; }

        public bool Nullable { get; }

        public override string ToString() => Name;
    }
}
