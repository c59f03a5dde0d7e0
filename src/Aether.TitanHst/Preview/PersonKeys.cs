using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Every person a comparison looks at, in its order: the reference's keys (first-seen), then the difference's
    /// the reference does not have, then the keys only a diff named (TitanHST's records neither contract builds),
    /// the reference's diff's first. The reference's keys are its collector's own list (not copied): person i below
    /// the reference's count is the reference's ordinal i.
    /// </summary>
    internal sealed class PersonKeys
    {
        private readonly List<string> _reference;
        private readonly List<string> _more;

        public PersonKeys(PersonOutcomeCollector reference, PersonOutcomeCollector difference, PersonChanges? referenceChanges, PersonChanges? differenceChanges)
        {
            _reference = reference.Keys;
            _more = new List<string>();
            var differenceKeys = difference.Keys;
            for (var j = 0; j < differenceKeys.Count; j++)
            {
                // Both extractions walk the same people in the same order: the same key mostly sits at the same ordinal.
                if (reference.OrdinalOf(differenceKeys[j], j) < 0)
                {
                    _more.Add(differenceKeys[j]);
                }
            }

            if (referenceChanges is not null && differenceChanges is not null)
            {
                // The two diffs' keys looked up on two threads (only reads); the few found in neither collector kept in order.
                var (fromReference, fromDifference) = ContractComparer.Both(
                    () => InNeither(referenceChanges.Keys, reference, difference),
                    () => InNeither(differenceChanges.Keys, reference, difference),
                    Environment.ProcessorCount > 1 && reference.Keys.Count >= ContractComparer.ParallelComparisonMinPeople);
                var known = new HashSet<string>(StringComparer.Ordinal);
                foreach (var key in fromReference)
                {
                    if (known.Add(key))
                    {
                        _more.Add(key);
                    }
                }

                foreach (var key in fromDifference)
                {
                    if (known.Add(key))
                    {
                        _more.Add(key);
                    }
                }
            }
        }

        public int Count => _reference.Count + _more.Count;

        public string this[int index] => index < _reference.Count ? _reference[index] : _more[index - _reference.Count];

        /// <summary>The person's ordinal in the reference's collector, or -1 when the reference never named it.</summary>
        [MethodImpl(Hot.Path)]
        public int ReferenceOrdinal(int index) => index < _reference.Count ? index : -1;

        [MethodImpl(Hot.Path)]
        private static List<string> InNeither(IEnumerable<string> keys, PersonOutcomeCollector reference, PersonOutcomeCollector difference)
        {
            var result = new List<string>();
            var hint = 0;
            foreach (var key in keys)
            {
                // A diff lists the people in about the extraction's order: the next ordinal is tried before hashing.
                var ordinal = reference.OrdinalOf(key, hint);
                if (ordinal >= 0)
                {
                    hint = ordinal + 1;
                }
                else if (difference.OrdinalOf(key) < 0)
                {
                    result.Add(key);
                }
            }

            return result;
        }
    }
}
