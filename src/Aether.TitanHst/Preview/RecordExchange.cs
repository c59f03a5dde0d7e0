using System.Runtime.CompilerServices;
using System.Threading;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Lets a contract preview's two extractions keep one record for a person both contracts built alike (most people:
    /// an edit touches a few fields, rules or codes), so the second copy dies young instead of living until the
    /// comparison. Each record is offered at the person's ordinal in its collector (both extractions walk the same
    /// people in the same order, so ordinals line up); the first offered is kept there, and a later one with the same
    /// content (<see cref="CanonicalStaffRecord.SameContent"/>) is swapped for it. Safe on the two extraction threads.
    /// </summary>
    /// <remarks>
    /// Without it, a 1M preview held two records per person, ~0.7 KB each, and most of what the two extractions allocated
    /// survived into gen1 and needed memory never touched before: on a virtual machine the time went to the kernel
    /// handing out zeroed pages and to the collector copying survivors, not to building people.
    /// </remarks>
    internal sealed class RecordExchange
    {
        private const int ChunkBits = 12;
        private const int ChunkSize = 1 << ChunkBits;

        // Up to 2^28 people; a person past that is simply not shared.
        private readonly ExtractItem?[]?[] _chunks = new ExtractItem?[]?[1 << 16];
        private int _shared;

        /// <summary>How many records were swapped for the other extraction's equal one (the bench prints it).</summary>
        public int Shared => Volatile.Read(ref _shared);

        /// <summary>
        /// The item to keep for the person's record at <paramref name="ordinal"/> (<paramref name="item"/> holds a record):
        /// the other extraction's item when it was offered first and its record holds the same content, else
        /// <paramref name="item"/> itself.
        /// </summary>
        [MethodImpl(Hot.Path)]
        public ExtractItem Keep(int ordinal, ExtractItem item)
        {
            var index = ordinal >> ChunkBits;
            if ((uint)index >= (uint)_chunks.Length)
            {
                return item;
            }

            var chunk = Volatile.Read(ref _chunks[index]);
            if (chunk is null)
            {
                var made = new ExtractItem?[ChunkSize];
                chunk = Interlocked.CompareExchange(ref _chunks[index], made, null) ?? made;
            }

            var first = Interlocked.CompareExchange(ref chunk[ordinal & (ChunkSize - 1)], item, null);
            if (first is null || !first.Record!.SameContent(item.Record!))
            {
                return item;
            }

            Interlocked.Increment(ref _shared);
            return first;
        }
    }
}
