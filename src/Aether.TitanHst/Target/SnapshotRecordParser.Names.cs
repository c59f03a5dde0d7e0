using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// A record's field names and the pools of their values, found by the field's place: every record of a snapshot
    /// lists the same names in the same order, so one compare of a few bytes (or one reference) stands for a look-up.
    /// </summary>
    internal sealed partial class SnapshotRecordParser
    {
        /// <summary>
        /// The current field name (the reader on it) for the field at <paramref name="place"/>: the string read there
        /// last when the name's bytes as written are the same (every record of a snapshot lists the same names in the
        /// same order: one compare of a few bytes), else the name pool's. The same bytes always give the same text,
        /// so the string is the one the pool would give.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private string NameAt(ref Utf8JsonReader reader, int place) =>
            NameSeenAt(reader.ValueSpan, place) ?? KeepNameAt(reader.ValueSpan, place, _names.Get(ref reader));

        /// <summary>The field name at <paramref name="place"/> from its bytes as written (no escape), for the scan: as <see cref="NameAt(ref Utf8JsonReader, int)"/>.</summary>
        [MethodImpl(Hot.Path)]
        private string NameAt(ReadOnlySpan<byte> raw, int place) =>
            NameSeenAt(raw, place) ?? KeepNameAt(raw, place, _names.Get(raw, escaped: false));

        /// <summary>The name last read at <paramref name="place"/> when it was written as these bytes; else null.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private string? NameSeenAt(ReadOnlySpan<byte> raw, int place) =>
            place < _namesByPlace.Count && raw.SequenceEqual(_namesByPlace[place].Raw) ? _namesByPlace[place].Name : null;

        private string KeepNameAt(ReadOnlySpan<byte> raw, int place, string name)
        {
            while (_namesByPlace.Count <= place)
            {
                _namesByPlace.Add((Array.Empty<byte>(), string.Empty));
            }

            _namesByPlace[place] = (raw.ToArray(), name);
            return name;
        }

        /// <summary>
        /// The pool of a field's values: found by the field's place when the name there is the one seen there last (the
        /// usual case: every record lists the same names in the same order, and the name pool hands back the same
        /// string), else by name. A name look-up per field and record was a tenth of the read.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private Utf8StringPool PoolOf(string name, int place)
        {
            if (place < _poolsByPlace.Count && ReferenceEquals(_poolsByPlace[place].Name, name))
            {
                return _poolsByPlace[place].Pool;
            }

            if (!_values.TryGetValue(name, out var pool))
            {
                pool = new Utf8StringPool();
                _values.Add(name, pool);
            }

            while (_poolsByPlace.Count <= place)
            {
                _poolsByPlace.Add((string.Empty, pool));
            }

            _poolsByPlace[place] = (name, pool);
            return pool;
        }
    }
}
