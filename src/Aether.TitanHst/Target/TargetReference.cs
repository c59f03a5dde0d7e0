namespace Aether.TitanHst.Target
{
    /// <summary>A code TitanHST accepts in a reference field (a role or a site). Inactive codes are rejected on writes.</summary>
    public sealed class TargetReference
    {
        public TargetReference(TargetReferenceKind kind, string code, string name, bool active)
        {
            _kind = kind;
            Code = code;
            Name = name;
            Active = active;
        }

        private readonly TargetReferenceKind _kind;

        /// <summary>Role or Site, as text; typed through <see cref="GetKind"/>.</summary>
        public string Kind => _kind.ToString();

        /// <summary>The kind, typed (a method, so it never serializes as a number).</summary>
        public TargetReferenceKind GetKind() => _kind;

        /// <summary>The code, compared with exact case.</summary>
        public string Code { get; }

        public string Name { get; }

        public bool Active { get; }

        public override string ToString() => $"{_kind} {Code} ({Name})";
    }
}
