using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The byte-level fast path of <see cref="SnapshotRecordParser.TryAppend"/>: a record line exactly as
    /// <see cref="TargetSnapshotWriter"/> writes it, scanned once for its members in the writer's order, with no
    /// tokenizer. It takes only what it is sure of, and leaves everything else to the <see cref="System.Text.Json.Utf8JsonReader"/>
    /// parse (which leaves what it cannot take to the document path, with its error): any byte not of the writer's
    /// shape (whitespace, another member order or member, a number that is not a plain int, ill-formed UTF-8, a
    /// control character, a \u escape, an escaped field name) ends the scan with nothing added, and a line
    /// the scan takes gives the row the reader parse gives: the same cells, pools, layout and checks.
    /// </summary>
    internal sealed partial class SnapshotRecordParser
    {
        private static readonly byte[] IdStart = Ascii("{\"" + SnapshotNames.Id + "\":");
        private static readonly byte[] ExternalIdName = Ascii(",\"" + SnapshotNames.ExternalId + "\":");
        private static readonly byte[] ActiveName = Ascii(",\"" + SnapshotNames.Active + "\":");
        private static readonly byte[] VersionName = Ascii(",\"" + SnapshotNames.Version + "\":");
        private static readonly byte[] ETagName = Ascii(",\"" + SnapshotNames.ETag + "\":");
        private static readonly byte[] CreatedAtName = Ascii(",\"" + SnapshotNames.CreatedAt + "\":");
        private static readonly byte[] UpdatedAtName = Ascii(",\"" + SnapshotNames.UpdatedAt + "\":");
        private static readonly byte[] FieldsStart = Ascii(",\"" + SnapshotNames.Fields + "\":{");
        private static readonly byte[] TrueLiteral = Ascii("true");
        private static readonly byte[] FalseLiteral = Ascii("false");
        private static readonly byte[] NullLiteral = Ascii("null");

        /// <summary>
        /// Adds the row of a line of the writer's shape; false, with nothing added, for any other line (the reader
        /// parse then reads it). Pools and the scratch may have been used by a scan that gives up: both only ever
        /// share or hold text, never decide it.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool TryScan(ReadOnlySpan<byte> line, TargetTable table)
        {
            _scratchUsed = 0;
            var at = 0;
            // A string longer than a pending cell can say goes to the document path, as the reader parse sends it.
            if (line.Length > TargetTexts.MaxPendingLength || !Expect(line, ref at, IdStart) || !ScanString(line, ref at, out var raw, out var escaped))
            {
                return false;
            }

            var idCell = CaptureBytes(raw, escaped);
            if (Length(idCell) == 0)
            {
                return false;
            }

            if (!Expect(line, ref at, ExternalIdName))
            {
                return false;
            }

            ulong externalIdCell = 0;
            if (!Expect(line, ref at, NullLiteral))
            {
                if (!ScanString(line, ref at, out raw, out escaped))
                {
                    return false;
                }

                externalIdCell = CaptureBytes(raw, escaped);
            }

            bool active;
            if (!Expect(line, ref at, ActiveName))
            {
                return false;
            }

            if (Expect(line, ref at, TrueLiteral))
            {
                active = true;
            }
            else if (Expect(line, ref at, FalseLiteral))
            {
                active = false;
            }
            else
            {
                return false;
            }

            if (!Expect(line, ref at, VersionName) || !ScanInt(line, ref at, out var version))
            {
                return false;
            }

            if (!Expect(line, ref at, ETagName) || !ScanString(line, ref at, out raw, out escaped))
            {
                return false;
            }

            var etagCell = Pooled(_etags, raw, escaped, table);

            string? createdAt = null;
            if (Expect(line, ref at, CreatedAtName))
            {
                if (!ScanString(line, ref at, out raw, out escaped))
                {
                    return false;
                }

                createdAt = _times.Get(raw, escaped);
            }

            if (!Expect(line, ref at, UpdatedAtName) || !ScanString(line, ref at, out raw, out escaped))
            {
                return false;
            }

            var updatedAt = _times.Get(raw, escaped);
            if (!Expect(line, ref at, FieldsStart) || !ScanFields(line, ref at, table))
            {
                return false;
            }

            // The record's own closing brace, and nothing after it.
            if (at != line.Length - 1 || line[at] != (byte)'}')
            {
                return false;
            }

            if (!TryTimes(createdAt, updatedAt, out var created, out var updated))
            {
                return false;
            }

            AddRow(table, idCell, externalIdCell, etagCell, active, version, created, updated);
            return true;
        }

        /// <summary>The fields object's members after its opening brace, through its closing one, as <see cref="ReadFields"/> keeps them.</summary>
        [MethodImpl(Hot.Path)]
        private bool ScanFields(ReadOnlySpan<byte> line, ref int at, TargetTable table)
        {
            _fieldNames.Clear();
            _fieldValues.Clear();
            _fieldCells.Clear();
            if (at < line.Length && line[at] == (byte)'}')
            {
                at++;
                return true;
            }

            while (true)
            {
                // A name with an escape is left to the reader parse (the name pool keys names by their bytes as written).
                if (!ScanString(line, ref at, out var name, out var escaped) || escaped || at >= line.Length || line[at] != (byte)':')
                {
                    return false;
                }

                at++;
                var place = _fieldNames.Count;
                var text = NameAt(name, place);
                if (Expect(line, ref at, NullLiteral))
                {
                    _fieldNames.Add(text);
                    _fieldCells.Add(0);
                }
                else
                {
                    if (!ScanString(line, ref at, out var raw, out escaped))
                    {
                        return false;
                    }

                    var pool = PoolOf(text, place);
                    _fieldNames.Add(text);
                    _fieldCells.Add(Pooled(pool, raw, escaped, table));
                }

                if (at >= line.Length)
                {
                    return false;
                }

                var next = line[at++];
                if (next == (byte)'}')
                {
                    return true;
                }

                if (next != (byte)',')
                {
                    return false;
                }
            }
        }

        /// <summary>A string's bytes as written, between its quotes (the scan past its closing quote); false for any string with a control character, ill-formed UTF-8 or an escape other than the simple ones.</summary>
        [MethodImpl(Hot.Path)]
        private static bool ScanString(ReadOnlySpan<byte> line, ref int at, out ReadOnlySpan<byte> raw, out bool escaped)
        {
            raw = default;
            escaped = false;
            if (at >= line.Length || line[at] != (byte)'"')
            {
                return false;
            }

            var start = at + 1;
            for (var i = start; i < line.Length; i++)
            {
                var b = line[i];
                if (b == (byte)'"')
                {
                    raw = line.Slice(start, i - start);
                    at = i + 1;
                    return true;
                }

                if (b < 0x20)
                {
                    return false;
                }

                if (b >= 0x80)
                {
                    // Only well-formed UTF-8 (what the strict decoder accepts): its text is then the same however it
                    // is decoded, and no continuation byte can be a quote or a backslash. A byte of 0x80 and above
                    // outside a string ends the scan, so this is the whole line's UTF-8 check for a line the scan takes.
                    var length = Utf8Sequence.LengthAt(line, i);
                    if (length <= 0)
                    {
                        return false;
                    }

                    i += length - 1;
                    continue;
                }

                if (b == (byte)'\\')
                {
                    if (i + 1 >= line.Length || Unescaped(line[i + 1]) < 0)
                    {
                        return false;
                    }

                    escaped = true;
                    i++;
                }
            }

            return false;
        }

        /// <summary>What a two-byte escape stands for (\" \\ \/ \b \f \n \r \t); -1 for any other (a \u escape is left to the reader parse).</summary>
        [MethodImpl(Hot.Path)]
        internal static int Unescaped(byte escape) => escape switch
        {
            (byte)'"' => '"',
            (byte)'\\' => '\\',
            (byte)'/' => '/',
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            _ => -1,
        };

        /// <summary>A non-negative int as JSON writes it (no sign, no leading zero, no fraction or exponent), at most 9 digits so it always fits.</summary>
        [MethodImpl(Hot.Path)]
        private static bool ScanInt(ReadOnlySpan<byte> line, ref int at, out int value)
        {
            value = 0;
            var start = at;
            while (at < line.Length && line[at] >= (byte)'0' && line[at] <= (byte)'9' && at - start < 10)
            {
                value = (value * 10) + (line[at] - '0');
                at++;
            }

            var digits = at - start;
            // A longer number, a leading zero, or a fraction/exponent after the digits: the reader parse decides.
            return digits is > 0 and <= 9 && (digits == 1 || line[start] != (byte)'0')
                && (at >= line.Length || (line[at] != (byte)'.' && line[at] != (byte)'e' && line[at] != (byte)'E'));
        }

        [MethodImpl(Hot.Path)]
        private static bool Expect(ReadOnlySpan<byte> line, ref int at, byte[] expected)
        {
            if (line.Length - at < expected.Length || !line.Slice(at, expected.Length).SequenceEqual(expected))
            {
                return false;
            }

            at += expected.Length;
            return true;
        }

        /// <summary>A string's unescaped bytes copied to the scratch, as <see cref="Capture"/> does from the reader; a scratch cell.</summary>
        [MethodImpl(Hot.Path)]
        private ulong CaptureBytes(ReadOnlySpan<byte> raw, bool escaped)
        {
            var destination = ScratchFor(raw.Length);
            return Captured(escaped ? Unescape(raw, destination) : Copy(raw, destination));
        }

        /// <summary>A pooled string's cell while its column repeats, else its bytes captured: <see cref="Pooled(Utf8StringPool, ref System.Text.Json.Utf8JsonReader, TargetTable)"/> for the scan.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong Pooled(Utf8StringPool pool, ReadOnlySpan<byte> raw, bool escaped, TargetTable table) =>
            pool.TryGetId(raw, escaped, table.Texts, out var id) ? TargetTexts.PendingHeld(id) : CaptureBytes(raw, escaped);

        private static int Copy(ReadOnlySpan<byte> raw, Span<byte> destination)
        {
            raw.CopyTo(destination);
            return raw.Length;
        }

        /// <summary>Bytes with simple escapes (checked by <see cref="ScanString"/>) resolved; how many were written.</summary>
        internal static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
        {
            var written = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                var b = raw[i];
                destination[written++] = b == (byte)'\\' ? (byte)Unescaped(raw[++i]) : b;
            }

            return written;
        }

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
    }
}
