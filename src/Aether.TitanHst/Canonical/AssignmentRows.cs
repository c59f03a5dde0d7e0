using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Per assignment slot (SITE/ROLE), the source rows it was built from, kept as numbers: the dictionary of
    /// <see cref="SourceRowReference"/>s that <see cref="CanonicalStaffRecord.AssignmentSources"/> shows is made only
    /// when asked for, and a change's explanation is written from the numbers.
    /// </summary>
    /// <remarks>
    /// It is also the person's provenance (every row, as <see cref="SourceRowReferences"/>): one object and one array
    /// hold both, the assignments' numbers after the provenance's (from its pair end on: slot index, source index and
    /// line of each row, grouped by slot in slot order, rows in position order).
    /// </remarks>
    internal sealed class AssignmentRows : SourceRowReferences
    {
        // The slots in the order each first appeared among the person's current positions.
        private readonly string[] _slots;

        private AssignmentRows(IReadOnlyList<SourceDefinition> sources, string[] slots, int[] rows, int pairEnd)
            : base(sources, rows, pairEnd)
        {
            _slots = slots;
        }

        /// <summary>
        /// A person's provenance (every row of <paramref name="all"/>) with its assignments' rows: <paramref name="slotRows"/>
        /// is slot index, source index and line per row (copied, so the caller may reuse the list).
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal static AssignmentRows Of(IReadOnlyList<SourceDefinition> sources, IReadOnlyList<SourceRow>[] all, string[] slots, List<int> slotRows)
        {
            var rows = PairsOf(all, slotRows.Count);
            var pairEnd = rows.Length - slotRows.Count;
            slotRows.CopyTo(rows, pairEnd);
            return new AssignmentRows(sources, slots, rows, pairEnd);
        }

        /// <summary>How many assignment slots there are (<see cref="SourceRowReferences.Count"/> counts the provenance's rows).</summary>
        internal int SlotCount => _slots.Length;

        /// <summary>True when <paramref name="other"/> has the same slots, in the same order, from the same rows (see <see cref="SourceRowReferences.SameRows"/>).</summary>
        [MethodImpl(Hot.Path)]
        internal bool SameSlotRows(AssignmentRows other)
        {
            if (other._slots.Length != _slots.Length || other._rows.Length - other._pairEnd != _rows.Length - _pairEnd)
            {
                return false;
            }

            for (var s = 0; s < _slots.Length; s++)
            {
                if (!string.Equals(_slots[s], other._slots[s], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            for (int i = _pairEnd, j = other._pairEnd; i < _rows.Length; i += 3, j += 3)
            {
                if (_rows[i] != other._rows[j] || _rows[i + 2] != other._rows[j + 2]
                    || !SameSource(_sources[_rows[i + 1]], other._sources[other._rows[j + 1]]))
                {
                    return false;
                }
            }

            return true;
        }

        internal IReadOnlyDictionary<string, IReadOnlyList<SourceRowReference>> ToDictionary()
        {
            var made = new Dictionary<string, IReadOnlyList<SourceRowReference>>(_slots.Length, StringComparer.Ordinal);
            for (var s = 0; s < _slots.Length; s++)
            {
                var (start, end) = RangeOf(s);
                var references = new SourceRowReference[(end - start) / 3];
                for (var i = 0; i < references.Length; i++)
                {
                    var source = _sources[_rows[start + (3 * i) + 1]];
                    references[i] = new SourceRowReference(source.Name, source.Path, _rows[start + (3 * i) + 2]);
                }

                made[_slots[s]] = references;
            }

            return made;
        }

        /// <summary>Writes "LHS/TEACHER from hr:12, aeriesSchools:4; LMS/TEACHER from hr:13", slots in ordinal order.</summary>
        internal void AppendSlotsTo(StringBuilder text)
        {
            // A handful of slots per person: an insertion sort of their indexes, no comparer or LINQ.
            Span<int> order = _slots.Length <= 32 ? stackalloc int[_slots.Length] : new int[_slots.Length];
            for (var i = 0; i < order.Length; i++)
            {
                var j = i;
                while (j > 0 && string.CompareOrdinal(_slots[order[j - 1]], _slots[i]) > 0)
                {
                    order[j] = order[j - 1];
                    j--;
                }

                order[j] = i;
            }

            for (var o = 0; o < order.Length; o++)
            {
                var s = order[o];
                if (o > 0)
                {
                    text.Append("; ");
                }

                text.Append(_slots[s]).Append(" from ");
                var (start, end) = RangeOf(s);
                for (var i = start; i < end; i += 3)
                {
                    if (i > start)
                    {
                        text.Append(", ");
                    }

                    text.Append(_sources[_rows[i + 1]].Name).Append(':').Append(_rows[i + 2]);
                }
            }
        }

        [MethodImpl(Hot.Path)]
        private (int Start, int End) RangeOf(int slot)
        {
            var start = _pairEnd;
            while (start < _rows.Length && _rows[start] != slot)
            {
                start += 3;
            }

            var end = start;
            while (end < _rows.Length && _rows[end] == slot)
            {
                end += 3;
            }

            return (start, end);
        }
    }
}
