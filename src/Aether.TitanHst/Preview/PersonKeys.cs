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
                // Each diff's keys its own extraction never named (a few: TitanHST's records no one builds), in the
                // diff's order, those the other extraction named left out.
                var known = new HashSet<string>(KeyHash.Comparer);
                foreach (var key in referenceChanges.KeysNotCollected)
                {
                    if (difference.OrdinalOf(key) < 0 && known.Add(key))
                    {
                        _more.Add(key);
                    }
                }

                foreach (var key in differenceChanges.KeysNotCollected)
                {
                    if (reference.OrdinalOf(key) < 0 && known.Add(key))
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
    }
}
