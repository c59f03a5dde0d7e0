using System;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// What one builder made of one column's repeated values (a site or job code, a status, a date, an FTE), by the
    /// value's number among the column's shared strings (<see cref="SourceRow.SharedEntry"/>): a value met again is an
    /// array read instead of its rules, parse and look-ups by string. The caller keeps only what raised no issue, so
    /// every person whose value is wrong still gets their own issue.
    /// </summary>
    /// <remarks>
    /// One memo serves one column of one source, on one thread (each builder has its own). The numbers are the row
    /// store's, so the memo starts over when it meets another store (another extraction's read of the source).
    /// </remarks>
    internal sealed class SharedValueMemo<T>
    {
        private SourceRowStore? _store;
        private T[] _values = Array.Empty<T>();
        private bool[] _known = Array.Empty<bool>();

        // How many shared values the store's column has: the read is complete, so the arrays are made that size once
        // instead of doubling up to it (~3 MiB of copies per 100k diff).
        private int _entries;

        /// <summary>
        /// The value remembered for the row's value of <paramref name="column"/>; false when there is none yet
        /// (<paramref name="entry"/> is then where to <see cref="Remember"/> it, or -1 when the value is not shared).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool TryGet(SourceRow row, int column, out int entry, out T value)
        {
            entry = row.SharedEntry(column);
            if (entry >= 0)
            {
                if (!ReferenceEquals(row.Store, _store))
                {
                    _store = row.Store;
                    _entries = row.Store.SharedCount(column);
                    Array.Clear(_known, 0, _known.Length);
                }
                else if (entry < _known.Length && _known[entry])
                {
                    value = _values[entry];
                    return true;
                }
            }

            value = default!;
            return false;
        }

        /// <summary>Remembers what the value numbered <paramref name="entry"/> (from the last <see cref="TryGet"/>) made; nothing when it is -1.</summary>
        internal void Remember(int entry, T value)
        {
            if (entry < 0)
            {
                return;
            }

            if (entry >= _known.Length)
            {
                var size = Math.Max(Math.Max(64, _known.Length * 2), _entries);
                while (size <= entry)
                {
                    size *= 2;
                }

                Array.Resize(ref _known, size);
                Array.Resize(ref _values, size);
            }

            _values[entry] = value;
            _known[entry] = true;
        }
    }
}
