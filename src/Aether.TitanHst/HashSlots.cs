using System.Runtime.CompilerServices;

namespace Aether.TitanHst
{
    /// <summary>
    /// Open-addressing slots for a table whose keys are kept elsewhere (a list of key strings, TitanHST's rows): each
    /// slot holds a key's hash in its high half and the key's number plus one in its low half (0: empty), and is at most
    /// half full. A probe tells another key's slot apart by the hash alone and asks the caller's matcher only on a hash
    /// match, so a look-up reads one array and, most of the time, one key; it ends on a key's number or on the free
    /// slot where the key would go, so a look-up then an add probe once. A struct, kept as a field of its table, so
    /// that a probe is not one more object to reach.
    /// </summary>
    internal struct HashSlots
    {
        private long[] _slots;
        private int _mask;

        /// <summary>Slots for up to <paramref name="capacity"/> keys.</summary>
        internal HashSlots(int capacity)
        {
            _slots = new long[SlotsFor(capacity)];
            _mask = _slots.Length - 1;
        }

        /// <summary>Whether the key numbered <c>number</c> is the one looked for: the caller's comparison of keys.</summary>
        internal interface IMatch
        {
            bool Matches(int number);
        }

        /// <summary>The number of the key whose hash is <paramref name="hash"/> and that <paramref name="match"/> matches, or -1 with the free slot the probe ended on.</summary>
        [MethodImpl(Hot.Path)]
        internal int Find<TMatch>(int hash, ref TMatch match, out int slot)
            where TMatch : struct, IMatch
        {
            slot = hash & _mask;
            while (true)
            {
                var entry = _slots[slot];
                if (entry == 0)
                {
                    return -1;
                }

                if ((int)(entry >> 32) == hash && match.Matches((int)(uint)entry - 1))
                {
                    return (int)(uint)entry - 1;
                }

                slot = (slot + 1) & _mask;
            }
        }

        /// <summary>Puts a key in the free <paramref name="slot"/> its <see cref="Find"/> ended on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Set(int slot, int hash, int number) => _slots[slot] = ((long)hash << 32) | (uint)(number + 1);

        /// <summary>Makes room for up to <paramref name="capacity"/> keys, moving every key to its slot in the larger table.</summary>
        internal void Grow(int capacity)
        {
            var old = _slots;
            _slots = new long[SlotsFor(capacity)];
            _mask = _slots.Length - 1;
            foreach (var entry in old)
            {
                if (entry != 0)
                {
                    var slot = (int)(entry >> 32) & _mask;
                    while (_slots[slot] != 0)
                    {
                        slot = (slot + 1) & _mask;
                    }

                    _slots[slot] = entry;
                }
            }
        }

        private static int SlotsFor(int capacity)
        {
            var slots = 16;
            while (slots < capacity * 2L && slots < (1 << 30))
            {
                slots <<= 1;
            }

            return slots;
        }
    }
}
