namespace Aether.TitanHst.Audit
{
    /// <summary>The mapping contract a run used: id, version and content hash (see MappingContract).</summary>
    public sealed class AuditContractInfo
    {
        public AuditContractInfo(string id, string version, string hash)
        {
            Id = id;
            Version = version;
            Hash = hash;
        }

        public string Id { get; }

        public string Version { get; }

        public string Hash { get; }

        public override string ToString() => $"{Id} {Version}";
    }
}
