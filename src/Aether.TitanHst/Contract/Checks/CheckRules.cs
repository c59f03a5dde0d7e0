namespace Aether.TitanHst.Contract.Checks
{
    /// <summary>The names of Test-MappingContract's checks, stable so scripts can filter on them.</summary>
    public static class CheckRules
    {
        public const string ContractValid = nameof(ContractValid);
        public const string SourceReadable = nameof(SourceReadable);
        public const string SourceEncoding = nameof(SourceEncoding);
        public const string SourceRowsWellFormed = nameof(SourceRowsWellFormed);
        public const string CodesMapped = nameof(CodesMapped);
        public const string MappingTableUnique = nameof(MappingTableUnique);
        public const string MappingTargetsExist = nameof(MappingTargetsExist);
        public const string RequiredFieldsFilled = nameof(RequiredFieldsFilled);
        public const string FieldValuesValid = nameof(FieldValuesValid);
        public const string MatchKeysUnique = nameof(MatchKeysUnique);
        public const string JoinCoverage = nameof(JoinCoverage);
        public const string VersionBumped = nameof(VersionBumped);
        public const string SourceHeaderDrift = nameof(SourceHeaderDrift);

        // Positions (decision 0011): run only for a contract with a positions field.
        public const string PositionRowsValid = nameof(PositionRowsValid);
        public const string PositionPrimaryUnique = nameof(PositionPrimaryUnique);
        public const string PeopleHavePositions = nameof(PeopleHavePositions);
    }
}
