using System;

namespace Aether.TitanHst.Apply
{
    /// <summary>One line of a run's write-ahead journal: an intent before a call, an outcome after it, or the end of a pass.</summary>
    internal sealed class JournalRecord
    {
        internal const string IntentPhase = "intent";
        internal const string OutcomePhase = "outcome";
        internal const string EndPhase = "end";

        public long Seq { get; set; }

        public DateTimeOffset Time { get; set; }

        public string Phase { get; set; } = string.Empty;

        public string? ExternalId { get; set; }

        public string? Action { get; set; }

        /// <summary>The Idempotency-Key of a create, so a resumed run re-sends the same one.</summary>
        public string? Key { get; set; }

        public string? Outcome { get; set; }

        public int? Status { get; set; }

        public int? Attempts { get; set; }

        public string? Reason { get; set; }

        public string? TargetId { get; set; }
    }
}
