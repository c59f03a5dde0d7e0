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
        // The people by key's hash: one probe finds a key or the free slot a new key goes to (a dictionary took two
        // for each new key: a look-up, then an add). The hash is one an export's author cannot predict (KeyHash:
        // the runtime's randomized one, or a keyed one where the runtime's is not): keys come from exports.
        private HashSlots _slots;
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
            _slots = new HashSlots(_capacity);
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

        /// <summary>
        /// The person of a key, numbered now when the key is new. <paramref name="previous"/> is the person of the row
        /// before in the same export (-1 for none): exports list people in much the same order, so a row's person is
        /// most often that one (several positions) or the one numbered after it (~70 % of the rows of a district's
        /// second and third exports), checked in place before the table, whose look-up is a few cache misses.
        /// Only a hint: each key has one number, so any value gives the same answer.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal int Add(string key, int previous = -1)
        {
            var match = new KeyMatch(_keys, key);
            var hinted = Hinted(ref match, previous);
            if (hinted >= 0)
            {
                return hinted;
            }

            var hash = KeyHash.Of(key);
            var id = _slots.Find(hash, ref match, out var slot);
            return id >= 0 ? id : Insert(key, hash, slot);
        }

        /// <summary>
        /// The person of a row's join key, as <see cref="Add(string, int)"/>, read where the row keeps it: the key
        /// compared in place and its hash taken when the row was read, a string made only for a new person.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal int Add(SourceRowStore store, int row, int previous = -1)
        {
            var match = new RowKeyMatch(_keys, store, row);
            var hinted = Hinted(ref match, previous);
            if (hinted >= 0)
            {
                return hinted;
            }

            var hash = store.KeyHashOf(row);
            var id = _slots.Find(hash, ref match, out var slot);
            return id >= 0 ? id : Insert(store.KeyOf(row), hash, slot);
        }

        /// <summary>The hint's person or the one after it when the key is theirs, checked in place; -1 otherwise.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Hinted<TMatch>(ref TMatch match, int previous)
            where TMatch : struct, HashSlots.IMatch
        {
            if (previous < 0)
            {
                return -1;
            }

            if (match.Matches(previous))
            {
                return previous;
            }

            var next = previous + 1;
            return next < Count && match.Matches(next) ? next : -1;
        }

        /// <summary>Numbers a new key, which <see cref="HashSlots.Find"/> ended on <paramref name="slot"/> for.</summary>
        private int Insert(string key, int hash, int slot)
        {
            var id = Count++;
            if (id == _capacity)
            {
                Grow();
                var match = new KeyMatch(_keys, key);
                _slots.Find(hash, ref match, out slot);
            }

            _slots.Set(slot, hash, id);
            _keys[id] = key;
            return id;
        }

        /// <summary>The person of a key, when any source has a row with it.</summary>
        internal bool TryGetId(string key, out int id)
        {
            var match = new KeyMatch(_keys, key);
            id = _slots.Find(KeyHash.Of(key), ref match, out _);
            return id >= 0;
        }

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
            _slots.Grow(_capacity);

            for (var s = 0; s < _first.Length; s++)
            {
                Array.Resize(ref _first[s], _capacity);
                if (_several[s] is not null)
                {
                    Array.Resize(ref _several[s], _capacity);
                }
            }
        }

        /// <summary>A person's key compared with the key looked for, by the person's number.</summary>
        private readonly struct KeyMatch : HashSlots.IMatch
        {
            private readonly string[] _keys;
            private readonly string _key;

            internal KeyMatch(string[] keys, string key)
            {
                _keys = keys;
                _key = key;
            }

            public bool Matches(int number) => string.Equals(_keys[number], _key);
        }

        /// <summary>A person's key compared with a row's, where the row keeps it.</summary>
        private readonly struct RowKeyMatch : HashSlots.IMatch
        {
            private readonly string[] _keys;
            private readonly SourceRowStore _store;
            private readonly int _row;

            internal RowKeyMatch(string[] keys, SourceRowStore store, int row)
            {
                _keys = keys;
                _store = store;
                _row = row;
            }

            public bool Matches(int number) => _store.KeyEquals(_row, _keys[number]);
        }
    }
}
