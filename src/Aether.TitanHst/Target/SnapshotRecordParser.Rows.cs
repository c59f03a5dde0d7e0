using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// What <see cref="SnapshotRecordParser.TryAppend"/> keeps of a line: its strings captured as pending cells of
    /// <see cref="TargetTexts"/> while the line may yet be refused, then the row added to the table.
    /// </summary>
    internal sealed partial class SnapshotRecordParser
    {
        private ulong[] _rowCells = new ulong[16];

        /// <summary>
        /// The row from what was just read, its strings copied from the line's scratch into the table's text; fields by
        /// position as <see cref="Compact"/> lays them out (a repeated name keeps its first place and its last value).
        /// </summary>
        [MethodImpl(Hot.Path)]
        private void AddRow(TargetTable table, ulong idCell, ulong externalIdCell, ulong etagCell, bool active, int version, DateTimeOffset? created, DateTimeOffset updated)
        {
            if (_layout is null || !_layout.Matches(_fieldNames))
            {
                _layout = TargetFieldLayout.Of(_fieldNames);
                if (_layout is null)
                {
                    Deduplicate();
                    _layout = TargetFieldLayout.Of(_fieldNames)!;
                }
            }

            var count = _fieldCells.Count;
            if (_rowCells.Length < count + 3)
            {
                _rowCells = new ulong[Math.Max(count + 3, _rowCells.Length * 2)];
            }

            _rowCells[0] = idCell;
            _rowCells[1] = externalIdCell;
            _rowCells[2] = etagCell;
            for (var i = 0; i < count; i++)
            {
                _rowCells[3 + i] = _fieldCells[i];
            }

            var texts = table.Texts;
            var scratch = new ReadOnlySpan<byte>(_scratch, 0, _scratchUsed);
            if (count > table.MaxFields)
            {
                // Wider than a chunk of cells: the record is kept whole, as the table keeps any such record.
                var values = new Dictionary<string, string?>(count, StringComparer.Ordinal);
                for (var i = 0; i < count; i++)
                {
                    values[_fieldNames[i]] = texts.PendingText(_fieldCells[i], scratch);
                }

                table.Add(new TargetStaffRecord(texts.PendingText(idCell, scratch)!, texts.PendingText(externalIdCell, scratch), active,
                    texts.PendingText(etagCell, scratch)!, version, created, updated, values));
                return;
            }

            table.AddRow(active, version, created, updated, table.LayoutId(_layout), new ReadOnlySpan<ulong>(_rowCells, 0, count + 3), scratch);
        }

        /// <summary>Names and cells with each repeated name once, in its first place, holding its last value (the document reader's rule).</summary>
        private void Deduplicate()
        {
            var first = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new List<string>();
            var cells = new List<ulong>();
            for (var i = 0; i < _fieldNames.Count; i++)
            {
                if (first.TryGetValue(_fieldNames[i], out var at))
                {
                    cells[at] = _fieldCells[i];
                    continue;
                }

                first.Add(_fieldNames[i], names.Count);
                names.Add(_fieldNames[i]);
                cells.Add(_fieldCells[i]);
            }

            _fieldNames.Clear();
            _fieldNames.AddRange(names);
            _fieldCells.Clear();
            _fieldCells.AddRange(cells);
        }

        // While a line is read its unique strings wait in the scratch (the line may yet be refused) as pending cells of
        // TargetTexts; pooled strings are pending cells of their number. The table settles them when the row is added.
        private static int Length(ulong pendingCell) => TargetTexts.PendingLength(pendingCell);

        /// <summary>The current string's unescaped UTF-8 bytes, copied to the scratch; a scratch cell.</summary>
        [MethodImpl(Hot.Path)]
        private ulong Capture(ref Utf8JsonReader reader)
        {
            var raw = reader.ValueSpan;
            // Unescaped text is never longer than as written.
            var destination = ScratchFor(raw.Length);

            // Invalid escapes throw InvalidOperationException in CopyString, as GetString does: the line is refused.
            var written = reader.ValueIsEscaped ? reader.CopyString(destination) : Copy(raw, destination);
            if (written > TargetTexts.MaxPendingLength)
            {
                // Longer than a pending cell can say: the document path reads this line into a record instead.
                throw new InvalidOperationException("A string too long for a table cell.");
            }

            return Captured(written);
        }

        /// <summary>Room for <paramref name="length"/> bytes at the end of the line's scratch.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Span<byte> ScratchFor(int length)
        {
            if (_scratch.Length - _scratchUsed < length)
            {
                Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + length));
            }

            return new Span<byte>(_scratch, _scratchUsed, length);
        }

        /// <summary>The scratch cell of the <paramref name="written"/> bytes just put at the end of the scratch, which now holds them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong Captured(int written)
        {
            var cell = TargetTexts.PendingBytes(_scratchUsed, written);
            _scratchUsed += written;
            return cell;
        }

        /// <summary>A pooled string's cell while its column repeats, else its bytes captured.</summary>
        [MethodImpl(Hot.Path)]
        private ulong Pooled(Utf8StringPool pool, ref Utf8JsonReader reader, TargetTable table) =>
            pool.TryGetId(ref reader, table.Texts, out var id) ? TargetTexts.PendingHeld(id) : Capture(ref reader);
    }
}
