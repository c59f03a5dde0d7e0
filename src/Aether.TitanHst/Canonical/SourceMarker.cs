using System.Collections.Generic;

namespace Aether.TitanHst.Canonical
{
    /// <summary>Why a person the sources know about has no canonical record.</summary>
    public enum SourceMarkerKind
    {
        /// <summary>The person fails the contract's scope (a substitute, a terminated employee).</summary>
        OutOfScope,

        /// <summary>The sources disagree in a way a conflict rule names; a human must decide.</summary>
        Conflict,
    }

    /// <summary>
    /// A person known to the sources but not sent to TitanHST, and why. The diff needs these to explain a
    /// deactivation ("out of scope: terminated") and to hold back a conflict instead of guessing.
    /// </summary>
    public sealed class SourceMarker
    {
        public SourceMarker(SourceMarkerKind kind, string key, string reason, IReadOnlyList<SourceRowReference> provenance)
        {
            Kind = kind;
            Key = key;
            Reason = reason;
            Provenance = provenance;
        }

        public SourceMarkerKind Kind { get; }

        public string Key { get; }

        /// <summary>The failing scope condition or the conflict rule, without personal values.</summary>
        public string Reason { get; }

        public IReadOnlyList<SourceRowReference> Provenance { get; }

        public override string ToString() => $"{Key}: {Kind}: {Reason}";
    }
}
