using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Validation
{
    /// <summary>
    /// A uniform random sample of a stream of unknown length (Algorithm R), so the spot check needs no second pass
    /// over the sources and holds only the sampled items. Seeded, it is repeatable for the same stream.
    /// </summary>
    internal sealed class ReservoirSample<T>
    {
        private readonly Random _random;
        private readonly int _size;
        private readonly List<T> _items;

        internal ReservoirSample(int size, int seed)
        {
            _size = size;
            _random = new Random(seed);
            _items = new List<T>(Math.Min(size, 1024));
        }

        /// <summary>How many items were offered.</summary>
        internal int Offered { get; private set; }

        internal IReadOnlyList<T> Items => _items;

        internal void Offer(T item)
        {
            Offered++;
            if (_size == 0)
            {
                return;
            }

            if (_items.Count < _size)
            {
                _items.Add(item);
                return;
            }

            var slot = _random.Next(Offered);
            if (slot < _size)
            {
                _items[slot] = item;
            }
        }
    }
}
