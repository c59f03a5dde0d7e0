namespace Aether.TitanHst.Audit
{
    /// <summary>A changed field as the log stores it: its name in clear, its value protected by <see cref="Mode"/>.</summary>
    public sealed class AuditFieldValue
    {
        public AuditFieldValue(string name, AuditPiiMode mode, string? value)
        {
            Name = name;
            Mode = mode;
            Value = value;
        }

        public string Name { get; }

        public AuditPiiMode Mode { get; }

        /// <summary>The clear, masked or hashed ("hmac:…") value; null when the field was cleared.</summary>
        public string? Value { get; }

        public override string ToString() => $"{Name}={Value ?? "(null)"}";
    }
}
