using System.Collections.Generic;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Validation
{
    /// <summary>
    /// The spot check's sample: the in-scope people TitanHST holds (a managed record with their key), offered in
    /// source order. TitanHST is read alongside the exports, so people can arrive before its side is read: they wait
    /// here (the diff holds them until then anyway) and are offered, in their order, once it is. The sample is the
    /// one a validation that read TitanHST first draws with the same seed.
    /// </summary>
    /// <remarks>Used from the caller's thread only: the diff pulls the sources and reports the target read there.</remarks>
    internal sealed class MatchedPeopleSample
    {
        private readonly ReservoirSample<(CanonicalStaffRecord Source, int Row)> _sample;
        private List<CanonicalStaffRecord>? _waiting = new();
        private Dictionary<string, int>? _managed;

        internal MatchedPeopleSample(int size, int seed) => _sample = new ReservoirSample<(CanonicalStaffRecord, int)>(size, seed);

        /// <summary>How many matched people were offered.</summary>
        internal int Offered => _sample.Offered;

        /// <summary>The sampled people with the row of their TitanHST record.</summary>
        internal IReadOnlyList<(CanonicalStaffRecord Source, int Row)> Items => _sample.Items;

        /// <summary>Offers an in-scope person: sampled when TitanHST holds a managed record with their key.</summary>
        internal void Offer(CanonicalStaffRecord record)
        {
            if (_managed is null)
            {
                _waiting!.Add(record);
                return;
            }

            if (_managed.TryGetValue(record.ExternalId, out var row))
            {
                _sample.Offer((record, row));
            }
        }

        /// <summary>TitanHST's side is read: its managed rows by key (<see cref="SyncValidator"/>); the people waiting are offered now.</summary>
        internal void TargetRead(Dictionary<string, int> managed)
        {
            _managed = managed;
            var waiting = _waiting!;
            _waiting = null;
            foreach (var record in waiting)
            {
                Offer(record);
            }
        }
    }
}
