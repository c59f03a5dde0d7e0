namespace Aether.TitanHst.Canonical
{
    /// <summary>Stable ids for per-record extraction problems; PowerShell shows them as FullyQualifiedErrorId.</summary>
    public static class ExtractErrorIds
    {
        public const string SourceRowMalformed = nameof(SourceRowMalformed);
        public const string JoinKeyBlank = nameof(JoinKeyBlank);
        public const string JoinKeyDuplicate = nameof(JoinKeyDuplicate);
        public const string OnlyInOneSource = nameof(OnlyInOneSource);
        public const string RequiredFieldMissing = nameof(RequiredFieldMissing);
        public const string FieldValueInvalid = nameof(FieldValueInvalid);
        public const string CodeUnmapped = nameof(CodeUnmapped);
        public const string SourceRowsSwallowed = nameof(SourceRowsSwallowed);
        public const string SourceRowUntrusted = nameof(SourceRowUntrusted);
        public const string JoinKeyUnsafe = nameof(JoinKeyUnsafe);
        public const string JoinKeyInvalid = nameof(JoinKeyInvalid);
        public const string TextCharactersRemoved = nameof(TextCharactersRemoved);
        public const string TextCharactersInvalid = nameof(TextCharactersInvalid);

        // Positions (decision 0011): each makes the person a Conflict.
        public const string PositionKeyBlank = nameof(PositionKeyBlank);
        public const string PositionDuplicate = nameof(PositionDuplicate);
        public const string PositionPrimaryConflict = nameof(PositionPrimaryConflict);
        public const string PositionFteInvalid = nameof(PositionFteInvalid);
        public const string PositionDateInvalid = nameof(PositionDateInvalid);
        public const string PositionCodeInvalid = nameof(PositionCodeInvalid);
    }
}
