using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// Hands back one shared string for a column's repeating values (site and job codes, statuses, dates, FTEs) while
    /// the extract holds every row: the parser's copy then dies young instead of being carried into the older GC
    /// generations with the row. Adaptive: a column whose values rarely repeat (names, e-mail, ids) stops being looked up.
    /// </summary>
    internal sealed class ColumnInterner
    {
        private const int Trial = 4096;
        private const int MaxEntries = 8192;
        private const int MaxLength = 64;

        private Dictionary<string, string>? _pool = new(StringComparer.Ordinal);
        private int _lookups;
        private int _hits;

        internal string Get(string value)
        {
            if (_pool is null || value.Length > MaxLength)
            {
                return value;
            }

            _lookups++;
            if (_pool.TryGetValue(value, out var shared))
            {
                _hits++;
                return shared;
            }

            if (_lookups >= Trial && _hits < _lookups / 4)
            {
                // Mostly distinct values: looking them up costs more than sharing them saves.
                _pool = null;
                return value;
            }

            if (_pool.Count < MaxEntries)
            {
                _pool.Add(value, value);
            }

            return value;
        }
    }
}
