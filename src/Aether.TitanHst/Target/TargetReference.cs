namespace Aether.TitanHst.Target
{
    /// <summary>A code TitanHST accepts in a reference field (a role or a site). Inactive codes are rejected on writes.</summary>
    public sealed class TargetReference
    {
        public TargetReference(TargetReferenceKind kind, string code, string name, bool active)
        {
            Kind = kind;
            Code = code;
            Name = name;
            Active = active;
        }

        public TargetReferenceKind Kind { get; }

        /// <summary>The code, compared with exact case.</summary>
        public string Code { get; }

        public string Name { get; }

        public bool Active { get; }

        public override string ToString() => $"{Kind} {Code} ({Name})";
    }
}
