using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// A person's source rows as (source, line) pairs, made into <see cref="SourceRowReference"/>s only when someone
    /// reads them: most people are unchanged and their provenance is never looked at, so the extract keeps two
    /// numbers per row instead of an object per row (and the rows themselves are not kept alive).
    /// </summary>
    /// <remarks>
    /// A person built from position rows has one object for both its provenance and its assignments' rows
    /// (<see cref="AssignmentRows"/>, which extends this class and keeps its numbers after these in the same array):
    /// before, the two were four objects per person.
    /// </remarks>
    internal class SourceRowReferences : IReadOnlyList<SourceRowReference>
    {
        private protected readonly IReadOnlyList<SourceDefinition> _sources;

        // Source index and line of each row, in provenance order, in the first _pairEnd numbers; what a subclass keeps after.
        private protected readonly int[] _rows;
        private protected readonly int _pairEnd;
        private SourceRowReference[]? _made;

        internal SourceRowReferences(IReadOnlyList<SourceDefinition> sources, int[] rows)
            : this(sources, rows, rows.Length)
        {
        }

        private protected SourceRowReferences(IReadOnlyList<SourceDefinition> sources, int[] rows, int pairEnd)
        {
            _sources = sources;
            _rows = rows;
            _pairEnd = pairEnd;
        }

        /// <summary>The rows a person's record was built from: one per source at most (null where the person has none).</summary>
        [MethodImpl(Hot.Path)]
        internal static SourceRowReferences Of(IReadOnlyList<SourceDefinition> sources, SourceRow?[] rows)
        {
            var count = 0;
            foreach (var row in rows)
            {
                count += row is null ? 0 : 1;
            }

            var references = new int[2 * count];
            var i = 0;
            foreach (var row in rows)
            {
                if (row is { } r)
                {
                    references[i++] = r.SourceIndex;
                    references[i++] = r.Line;
                }
            }

            return new SourceRowReferences(sources, references);
        }

        /// <summary>Every row of every source, in source order: a person's provenance when positions bring several rows.</summary>
        internal static SourceRowReferences Of(IReadOnlyList<SourceDefinition> sources, IReadOnlyList<SourceRow>[] all) =>
            new(sources, PairsOf(all, 0));

        /// <summary>The (source, line) pairs of every row, in an array with <paramref name="after"/> numbers free at its end.</summary>
        [MethodImpl(Hot.Path)]
        private protected static int[] PairsOf(IReadOnlyList<SourceRow>[] all, int after)
        {
            var count = 0;
            foreach (var rows in all)
            {
                count += rows.Count;
            }

            var references = new int[(2 * count) + after];
            var i = 0;
            foreach (var rows in all)
            {
                for (var r = 0; r < rows.Count; r++)
                {
                    references[i++] = rows[r].SourceIndex;
                    references[i++] = rows[r].Line;
                }
            }

            return references;
        }

        public int Count => _pairEnd / 2;

        /// <summary>
        /// True when <paramref name="other"/> names the same rows: the same lines of sources with the same name and
        /// file, in the same order (two contracts may list their sources in another order, so indexes are not compared).
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool SameRows(SourceRowReferences other)
        {
            if (other._pairEnd != _pairEnd)
            {
                return false;
            }

            for (var i = 0; i < _pairEnd; i += 2)
            {
                if (_rows[i + 1] != other._rows[i + 1] || !SameSource(_sources[_rows[i]], other._sources[other._rows[i]]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Two contracts' definitions of one source as a reference shows it: its name and its file.</summary>
        internal static bool SameSource(SourceDefinition one, SourceDefinition other) =>
            ReferenceEquals(one, other)
            || (string.Equals(one.Name, other.Name, System.StringComparison.Ordinal) && string.Equals(one.Path, other.Path, System.StringComparison.Ordinal));

        public SourceRowReference this[int index] => Made()[index];

        public IEnumerator<SourceRowReference> GetEnumerator() => ((IEnumerable<SourceRowReference>)Made()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Writes the rows as their references' text ("hr:12, aeries:4"), without making the references.</summary>
        [MethodImpl(Hot.Path)]
        internal void AppendTo(StringBuilder text, string separator)
        {
            for (var i = 0; i < _pairEnd; i += 2)
            {
                if (i > 0)
                {
                    text.Append(separator);
                }

                text.Append(_sources[_rows[i]].Name).Append(':').Append(_rows[i + 1]);
            }
        }

        public override string ToString() => ToString(", ");

        /// <summary>The rows' text joined by <paramref name="separator"/>, as string.Join over the references writes it.</summary>
        internal string ToString(string separator)
        {
            var text = new StringBuilder();
            AppendTo(text, separator);
            return text.ToString();
        }

        // Made once when first read; two readers racing make equal arrays, and either one is kept.
        private SourceRowReference[] Made() => _made ??= Make();

        private SourceRowReference[] Make()
        {
            var made = new SourceRowReference[_pairEnd / 2];
            for (var i = 0; i < made.Length; i++)
            {
                var source = _sources[_rows[2 * i]];
                made[i] = new SourceRowReference(source.Name, source.Path, _rows[(2 * i) + 1]);
            }

            return made;
        }
    }
}
