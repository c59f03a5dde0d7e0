using System;

namespace Aether.TitanHst.Target
{
    /// <summary>Whether the next target read may refresh the kept snapshot, and if not, why a full read is needed.</summary>
    internal sealed class TargetReadDecision
    {
        private TargetReadDecision(TargetReadMode mode, string reason)
        {
            Mode = mode;
            Reason = reason;
        }

        internal TargetReadMode Mode { get; }

        /// <summary>Why, in words an operator reads in the run log (no personal data).</summary>
        internal string Reason { get; }

        internal static TargetReadDecision Full(string reason) => new(TargetReadMode.Full, reason);

        /// <summary>
        /// Decides from the kept snapshot's header and end line. <paramref name="now"/> is this machine's clock: ages are
        /// days long, so skew of minutes does not matter there; the high-water mark itself is always TitanHST's time.
        /// </summary>
        internal static TargetReadDecision Decide(TargetSnapshotHeader header, SnapshotReadInfo read, TargetIdentity current, string? schemaVersion, TargetReadSettings settings, DateTimeOffset now)
        {
            if (settings.Mode == TargetReadMode.Full)
            {
                return Full("target reads are configured as full");
            }

            if (header.Scope != TargetSnapshotScope.All)
            {
                return Full("the kept snapshot does not hold every record");
            }

            if (!SameTarget(header, current))
            {
                return Full("the kept snapshot comes from another TitanHST (base URI or instance id differs)");
            }

            if (!string.Equals(header.SchemaVersion, schemaVersion, StringComparison.Ordinal))
            {
                return Full($"TitanHST's schema is {schemaVersion ?? "unknown"}, the kept snapshot's {header.SchemaVersion ?? "unknown"}");
            }

            if (now - read.FullReadAt >= settings.FullReadEvery)
            {
                return Full($"the last full read is older than fullReadEvery ({settings.FullReadEvery})");
            }

            if (now - read.LastReadAt >= settings.MaxSnapshotAge)
            {
                return Full($"the kept snapshot is older than maxSnapshotAge ({settings.MaxSnapshotAge})");
            }

            if (read.HighWaterMark > now + TimeSpan.FromDays(1))
            {
                return Full("the kept snapshot's high-water mark lies in the future");
            }

            return new TargetReadDecision(TargetReadMode.Incremental, "the kept snapshot is sealed, recent and from this TitanHST and schema");
        }

        private static bool SameTarget(TargetSnapshotHeader header, TargetIdentity current)
        {
            // A vendor that reports no instance id is bound by its base URI alone (both sides null).
            if (!Uri.TryCreate(header.BaseUri, UriKind.Absolute, out var uri))
            {
                return false;
            }

            try
            {
                return TargetIdentity.Of(uri, header.InstanceId).Equals(current);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
