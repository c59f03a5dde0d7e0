using System;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Settles each person of a derived comparison as soon as both contracts' items for the person are in and both
    /// diffs have compared them: a person with the same plain record under both contracts and unchanged in both diffs
    /// (most people) can show no difference, so its record and its deferred NoChanges are let go of there and then.
    /// Kept to the end, they were a million records copied by every collection on their way to gen2 and faulted in by
    /// the kernel at 1M; settled, they die young, as in a diff.
    /// </summary>
    /// <remarks>
    /// Settled exactly when the comparison loop would find nothing for the person (the same record's fields, and a
    /// deferred NoChange as the first change each diff gave it): one record item on each side, under a key first named
    /// by that item (so no earlier item, issue or change is about the person). Anything else is left to the loop.
    /// </remarks>
    internal sealed class PersonSettling
    {
        private readonly PersonOutcomeCollector _reference;
        private readonly PersonOutcomeCollector _difference;
        private readonly DiffRun _referenceRun;
        private readonly DiffRun _differenceRun;
        private int _referenceKeys;
        private int _differenceKeys;
        private int _referenceDeferred;
        private int _differenceDeferred;
        private int _referenceItems;
        private int _differenceItems;
        private CanonicalStaffRecord? _referenceRecord;
        private CanonicalStaffRecord? _differenceRecord;

        internal PersonSettling(PersonOutcomeCollector reference, PersonOutcomeCollector difference, DiffRun referenceRun, DiffRun differenceRun)
        {
            _reference = reference;
            _difference = difference;
            _referenceRun = referenceRun;
            _differenceRun = differenceRun;
            Begin();
        }

        /// <summary>How many people were settled as built.</summary>
        internal int Settled { get; private set; }

        /// <summary>An item of the person's, as its contract's collector kept it and its diff compared it.</summary>
        [MethodImpl(Hot.Path)]
        internal void Saw(ExtractItem item, bool difference)
        {
            if (difference)
            {
                _differenceItems++;
                _differenceRecord = item.Record;
            }
            else
            {
                _referenceItems++;
                _referenceRecord = item.Record;
            }
        }

        /// <summary>Both contracts' items for the person are in: settles the person when it can show no difference.</summary>
        [MethodImpl(Hot.Path)]
        internal void End()
        {
            if (_referenceItems == 1 && _differenceItems == 1
                && _referenceRecord is { } old && _differenceRecord is { } now
                && _reference.Keys.Count == _referenceKeys + 1 && _difference.Keys.Count == _differenceKeys + 1
                && _referenceRun.DeferredUnchanged == _referenceDeferred + 1 && _differenceRun.DeferredUnchanged == _differenceDeferred + 1
                && string.Equals(old.ExternalId, now.ExternalId, StringComparison.Ordinal)
                && ReferenceEquals(_reference.PlainRecordAt(_referenceKeys), old) && ReferenceEquals(_difference.PlainRecordAt(_differenceKeys), now)
                && (ReferenceEquals(old, now) || PersonOutcomeDiff.FieldDifferences(old, now).Count == 0))
            {
                _referenceRun.ForgetLastDeferred();
                _differenceRun.ForgetLastDeferred();
                _reference.Settle(_referenceKeys);
                _difference.Settle(_differenceKeys);
                Settled++;
            }

            Begin();
        }

        private void Begin()
        {
            _referenceKeys = _reference.Keys.Count;
            _differenceKeys = _difference.Keys.Count;
            _referenceDeferred = _referenceRun.DeferredUnchanged;
            _differenceDeferred = _differenceRun.DeferredUnchanged;
            _referenceItems = _differenceItems = 0;
            _referenceRecord = _differenceRecord = null;
        }
    }
}
