namespace Aether.TitanHst.Errors
{
    /// <summary>Stable ids for problems with input files; PowerShell shows them as FullyQualifiedErrorId.</summary>
    public static class InputErrorIds
    {
        public const string FileNotFound = nameof(FileNotFound);

        /// <summary>A folder was given where a file is expected (to read or to write).</summary>
        public const string PathIsFolder = nameof(PathIsFolder);
        public const string ContractJsonInvalid = nameof(ContractJsonInvalid);

        /// <summary>The connector configuration file is not valid JSON, or holds a property it does not know (such as a secret).</summary>
        public const string ConfigJsonInvalid = nameof(ConfigJsonInvalid);

        /// <summary>A connector configuration property has a value the connector cannot use (a config file, not a contract).</summary>
        public const string ConfigPropertyInvalid = nameof(ConfigPropertyInvalid);
        public const string ContractPropertyInvalid = nameof(ContractPropertyInvalid);
        public const string ContractPropertyMissing = nameof(ContractPropertyMissing);
        public const string ContractPropertyUnknown = nameof(ContractPropertyUnknown);
        public const string MappingTableConflict = nameof(MappingTableConflict);

        /// <summary>A mapping table's value is not one TitanHST can be sent (a control, invisible or direction character in a code).</summary>
        public const string MappingTableValueInvalid = nameof(MappingTableValueInvalid);
        public const string MappingTableKeyInvalid = nameof(MappingTableKeyInvalid);
        public const string ContractLockInvalid = nameof(ContractLockInvalid);
        public const string SourceFileEmpty = nameof(SourceFileEmpty);
        public const string SourceEncodingInvalid = nameof(SourceEncodingInvalid);
        public const string SourceColumnMissing = nameof(SourceColumnMissing);
        public const string SourceHeaderDuplicate = nameof(SourceHeaderDuplicate);
        public const string SourceRowMalformed = nameof(SourceRowMalformed);
        public const string SourceChangedDuringRun = nameof(SourceChangedDuringRun);
        public const string ContractPropertyDuplicate = nameof(ContractPropertyDuplicate);
        public const string ContractPathInvalid = nameof(ContractPathInvalid);
        public const string ContractPathOutsideFolder = nameof(ContractPathOutsideFolder);
        public const string PlanInvalid = nameof(PlanInvalid);
        public const string PlanTampered = nameof(PlanTampered);
        public const string PlanNotAuthentic = nameof(PlanNotAuthentic);
        public const string SnapshotHeaderInvalid = nameof(SnapshotHeaderInvalid);
        public const string SnapshotRecordInvalid = nameof(SnapshotRecordInvalid);
        public const string SnapshotTruncated = nameof(SnapshotTruncated);
        public const string SnapshotSealMismatch = nameof(SnapshotSealMismatch);
        public const string InstallationKeyInvalid = nameof(InstallationKeyInvalid);
        public const string ApprovalFileInvalid = nameof(ApprovalFileInvalid);
    }
}
