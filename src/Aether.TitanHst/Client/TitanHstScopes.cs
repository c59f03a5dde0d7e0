namespace Aether.TitanHst.Client
{
    /// <summary>The OAuth scopes of the API document (§2.1), and the two sets the commands ask for.</summary>
    public static class TitanHstScopes
    {
        public const string StaffRead = "staff.read";
        public const string StaffWrite = "staff.write";
        public const string ReferenceRead = "reference.read";

        /// <summary>Diff, validation, staff reads, snapshots, the schema check: never a write.</summary>
        public const string Read = StaffRead + " " + ReferenceRead;

        /// <summary>An apply: writes, and the re-reads of the records it is about to change (ETags).</summary>
        public const string Write = StaffRead + " " + StaffWrite + " " + ReferenceRead;
    }
}
