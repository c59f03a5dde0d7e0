namespace Aether.TitanHst.Audit
{
    /// <summary>A changed field as the log stores it: its name in clear, its value protected by <see cref="GetMode"/>.</summary>
    public sealed class AuditFieldValue
    {
        public AuditFieldValue(string name, AuditPiiMode mode, string? value)
        {
            Name = name;
            _mode = mode;
            Value = value;
        }

        public string Name { get; }

        private readonly AuditPiiMode _mode;

        /// <summary>How the value is protected (Clear, Masked, Hashed...), as text; typed through <see cref="GetMode"/>.</summary>
        public string Mode => _mode.ToString();

        /// <summary>The protection, typed (a method, so it never serializes as a number).</summary>
        public AuditPiiMode GetMode() => _mode;

        /// <summary>The clear, masked or hashed ("hmac:…") value; null when the field was cleared.</summary>
        public string? Value { get; }

        public override string ToString() => $"{Name}={Value ?? "(null)"}";
    }
}
