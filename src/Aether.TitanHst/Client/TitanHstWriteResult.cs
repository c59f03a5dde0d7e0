using Aether.TitanHst.Target;

namespace Aether.TitanHst.Client
{
    /// <summary>The outcome of a write that succeeded: the record as TitanHST now holds it, and how the call went.</summary>
    public sealed class TitanHstWriteResult
    {
        internal TitanHstWriteResult(TargetStaffRecord? record, TitanHstCallInfo call, bool replayed, bool resolvedAfterRetry, string? idempotencyKey)
        {
            Record = record;
            Call = call;
            Replayed = replayed;
            ResolvedAfterRetry = resolvedAfterRetry;
            IdempotencyKey = idempotencyKey;
        }

        /// <summary>The record after the write; null after a delete.</summary>
        public TargetStaffRecord? Record { get; }

        public TitanHstCallInfo Call { get; }

        public int Attempts => Call.Attempts;

        /// <summary>A create answered from TitanHST's idempotency store: an earlier attempt had already created it.</summary>
        public bool Replayed { get; }

        /// <summary>
        /// An attempt whose answer was lost had already applied the write, so the retry was refused (412, or 404 for
        /// a delete); the client re-read the record and found the write in place.
        /// </summary>
        public bool ResolvedAfterRetry { get; }

        /// <summary>The Idempotency-Key sent with a create, for the journal.</summary>
        public string? IdempotencyKey { get; }
    }
}
