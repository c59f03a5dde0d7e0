using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The people of one extraction by join key, each numbered densely in the order first met, with each source's rows
    /// for them. A row read costs one look-up of its key; a person built costs none: what the extractor asks per person
    /// (its rows in every source, whether it was duplicated, held back or already emitted) is read by number. Before,
    /// per-source key tables and four sets were each searched by key for every person, hashing the key every time.
    /// </summary>
    /// <remarks>Not thread-safe; one index serves one run of <see cref="StaffExtractor.Extract"/>.</remarks>
    internal sealed class PersonIndex
    {
        private readonly Dictionary<string, int> _ids;
        private readonly SourceRowStore?[] _stores;
        private readonly bool[] _letGo;

        // Per source and person, the number of the person's first row in the source's store plus one; 0 for none.
        private readonly int[][] _first;
        private readonly List<SourceRow>?[]?[] _several;
        private string[] _keys;
        private int _capacity;

        internal PersonIndex(int sourceCount, int capacity)
        {
            _capacity = Math.Max(capacity, 16);
            _ids = new Dictionary<string, int>(_capacity, StringComparer.Ordinal);
            _keys = new string[_capacity];
            _stores = new SourceRowStore?[sourceCount];
            _letGo = new bool[sourceCount];
            _first = new int[sourceCount][];
            _several = new List<SourceRow>?[]?[sourceCount];
            for (var s = 0; s < sourceCount; s++)
            {
                _first[s] = new int[_capacity];
            }
        }

        /// <summary>How many people (distinct keys) the index holds.</summary>
        internal int Count { get; private set; }

        /// <summary>The person of a key, numbered now when the key is new.</summary>
        [MethodImpl(Hot.Path)]
        internal int Add(string key)
        {
            if (_ids.TryGetValue(key, out var id))
            {
                return id;
            }

            id = Count++;
            if (id == _capacity)
            {
                Grow();
            }

            _ids.Add(key, id);
            _keys[id] = key;
            return id;
        }

        /// <summary>The person of a key, when any source has a row with it.</summary>
        internal bool TryGetId(string key, out int id) => _ids.TryGetValue(key, out id);

        internal string KeyOf(int id) => _keys[id];

        /// <summary>
        /// Sets the rows of a source, before any of its rows is added. When the extraction owns the read
        /// (<paramref name="letGo"/>), the store drops each chunk of rows once every person with a row in it is released.
        /// </summary>
        internal void SetRows(int source, SourceRowStore rows, bool letGo)
        {
            _stores[source] = rows;
            if (letGo)
            {
                rows.TrackHolds();
                _letGo[source] = true;
            }
        }

        /// <summary>The person's first row in a source, or null when the source has none.</summary>
        [MethodImpl(Hot.Path)]
        internal SourceRow? First(int source, int id) => _first[source][id] is var row and > 0 ? new SourceRow(_stores[source]!, row - 1) : null;

        internal void SetFirst(int source, int id, SourceRow row)
        {
            _first[source][id] = row.Index + 1;
            if (_letGo[source])
            {
                _stores[source]!.Hold(row.Index);
            }
        }

        /// <summary>Every row of a person in a source, when it has more than one there (a position source); else null.</summary>
        internal List<SourceRow>? Several(int source, int id) => _several[source] is { } rows ? rows[id] : null;

        /// <summary>Adds a second or later row of a person in a source, starting its list with the first.</summary>
        internal List<SourceRow> AddSeveral(int source, int id, SourceRow row)
        {
            var table = _several[source] ??= new List<SourceRow>?[_capacity];
            var rows = table[id];
            if (rows is null)
            {
                rows = new List<SourceRow> { First(source, id)!.Value };
                table[id] = rows;
            }

            rows.Add(row);
            if (_letGo[source])
            {
                _stores[source]!.Hold(row.Index);
            }

            return rows;
        }

        /// <summary>The person's rows in a source: its list, its one row through <paramref name="single"/>, or none.</summary>
        [MethodImpl(Hot.Path)]
        internal IReadOnlyList<SourceRow> RowsOf(int source, int id, SourceRow[] single)
        {
            if (Several(source, id) is { } rows)
            {
                return rows;
            }

            if (First(source, id) is { } row)
            {
                single[0] = row;
                return single;
            }

            return Array.Empty<SourceRow>();
        }

        /// <summary>
        /// Lets go of a person's rows once the person is built or left out. Call it only when nothing will read
        /// them again: a store the extraction owns drops a chunk of rows as soon as all its people are released (when
        /// the exports list people in much the same order, most chunks go as the walk passes them). A shared read is
        /// kept whole for the other extraction. Safe from several threads for different people.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal void Release(int id)
        {
            for (var s = 0; s < _first.Length; s++)
            {
                var first = _first[s][id];
                var several = _several[s] is { } table ? table[id] : null;
                _first[s][id] = 0;
                if (several is not null)
                {
                    _several[s]![id] = null;
                }

                if (_letGo[s] && first > 0)
                {
                    // Once: a person met in several sources is released at each, and only the first finds rows.
                    var store = _stores[s]!;
                    if (several is null)
                    {
                        store.LetGo(first - 1);
                    }
                    else
                    {
                        foreach (var row in several)
                        {
                            store.LetGo(row.Index);
                        }
                    }
                }
            }
        }

        private void Grow()
        {
            _capacity *= 2;
            Array.Resize(ref _keys, _capacity);
            for (var s = 0; s < _first.Length; s++)
            {
                Array.Resize(ref _first[s], _capacity);
                if (_several[s] is not null)
                {
                    Array.Resize(ref _several[s], _capacity);
                }
            }
        }
    }
}
