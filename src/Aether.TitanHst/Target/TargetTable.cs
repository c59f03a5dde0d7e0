using System;
using System.Collections;
using System.Collections.Generic;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// TitanHST's records as rows of a few large chunked columns, the form the diff holds them in while it runs: text
    /// as cells of <see cref="TargetTexts"/> (unique text as UTF-8 bytes, repeating text as shared strings), active,
    /// version and times as plain values, fields by position in a shared <see cref="TargetFieldLayout"/>. A
    /// <see cref="TargetStaffRecord"/> is made from a row only when asked (<see cref="Record"/>); the diff compares
    /// the unchanged majority by reading cells (<see cref="TargetFieldSelection"/>) and makes none for them.
    /// </summary>
    /// <remarks>
    /// Before, every record the diff held was an object, a values array and a string per id, externalId, name and
    /// e-mail, all surviving until the diff ended: the GC copied them at every collection it promoted them through,
    /// and at 1M staff they were most of the diff's 2 GB peak. Built by one thread, read after it is handed over.
    /// </remarks>
    internal sealed class TargetTable : IEnumerable<TargetStaffRecord>, ITargetTableSource
    {
        internal const int DefaultRowChunkShift = 14;
        internal const int DefaultCellChunkShift = 16;

        private const byte ActiveFlag = 1;
        private const byte CreatedFlag = 2;

        private readonly ChunkedColumn<ulong> _ids;
        private readonly ChunkedColumn<ulong> _externalIds;
        private readonly ChunkedColumn<ulong> _etags;
        private readonly ChunkedColumn<int> _versions;
        private readonly ChunkedColumn<byte> _flags;
        // UTC ticks: every time read from a snapshot or the API is UTC; a record with another offset is kept whole.
        private readonly ChunkedColumn<long> _createdAt;
        private readonly ChunkedColumn<long> _updatedAt;
        private readonly ChunkedColumn<int> _layoutOf;
        private readonly ChunkedColumn<long> _cellsAt;
        private readonly ChunkedColumn<ulong> _cells;
        private readonly List<TargetFieldLayout> _layouts = new();
        private Dictionary<int, TargetStaffRecord>? _wide;
        private TargetFieldLayout? _lastLayout;
        private ulong[] _addCells = new ulong[16];
        private int _lastLayoutId = -1;

        public TargetTable()
            : this(DefaultRowChunkShift, DefaultCellChunkShift, TargetTexts.DefaultChunkBytes)
        {
        }

        /// <summary>A table with other chunk sizes: small ones let tests cross chunk boundaries with a few records.</summary>
        internal TargetTable(int rowChunkShift, int cellChunkShift, int textChunkBytes)
        {
            _ids = new ChunkedColumn<ulong>(rowChunkShift);
            _externalIds = new ChunkedColumn<ulong>(rowChunkShift);
            _etags = new ChunkedColumn<ulong>(rowChunkShift);
            _versions = new ChunkedColumn<int>(rowChunkShift);
            _flags = new ChunkedColumn<byte>(rowChunkShift);
            _createdAt = new ChunkedColumn<long>(rowChunkShift);
            _updatedAt = new ChunkedColumn<long>(rowChunkShift);
            _layoutOf = new ChunkedColumn<int>(rowChunkShift);
            _cellsAt = new ChunkedColumn<long>(rowChunkShift);
            _cells = new ChunkedColumn<ulong>(cellChunkShift);
            Texts = new TargetTexts(textChunkBytes);
        }

        internal TargetTexts Texts { get; }

        internal int Count { get; private set; }

        /// <summary>The most fields a row can hold by position (one chunk of cells); wider records are kept whole.</summary>
        internal int MaxFields => _cells.ChunkSize;

        /// <summary>
        /// The records as a table: a snapshot's records read straight into one (no record made), anything else
        /// added one record at a time. <paramref name="afterEachRecord"/> runs after each record is in.
        /// </summary>
        internal static TargetTable From(IEnumerable<TargetStaffRecord> records, Action? afterEachRecord = null)
        {
            if (records is ITargetTableSource source)
            {
                return source.ReadTable(afterEachRecord);
            }

            var table = new TargetTable();
            foreach (var record in records)
            {
                table.Add(record);
                afterEachRecord?.Invoke();
            }

            return table;
        }

        /// <summary>Adds a record as a row and gives the row.</summary>
        internal int Add(TargetStaffRecord record)
        {
            var texts = Texts;
            var fields = record.Fields;
            var layout = record.Layout is { } own ? own : LayoutOf(fields.Keys);
            if (layout is null || layout.Count > MaxFields || !IsUtc(record.UpdatedAt) || (record.CreatedAt is { } created && !IsUtc(created)))
            {
                // Fields that cannot be laid out by position (more than a chunk of cells), or a time with an offset
                // other than UTC's (made by hand; the reader and the client give UTC): the record is kept as it is.
                var wideRow = AddRow(texts.Text(record.Id), texts.Text(record.ExternalId), texts.Text(record.ETag), record.Active, record.Version,
                    null, record.UpdatedAt.ToUniversalTime(), -1, ReadOnlySpan<ulong>.Empty);
                (_wide ??= new Dictionary<int, TargetStaffRecord>())[wideRow] = record;
                return wideRow;
            }

            if (_addCells.Length < layout.Count)
            {
                _addCells = new ulong[layout.Count];
            }

            for (var i = 0; i < layout.Count; i++)
            {
                _addCells[i] = texts.Text(record[layout.Names[i]]);
            }

            return AddRow(texts.Text(record.Id), texts.Text(record.ExternalId), texts.Text(record.ETag), record.Active, record.Version,
                record.CreatedAt, record.UpdatedAt, LayoutId(layout), new ReadOnlySpan<ulong>(_addCells, 0, layout.Count));
        }

        /// <summary>
        /// Adds a row from cells of <see cref="Texts"/>; <paramref name="layoutId"/> from <see cref="LayoutId"/>, with
        /// one cell per name of that layout.
        /// </summary>
        internal int AddRow(ulong id, ulong externalId, ulong etag, bool active, int version, DateTimeOffset? createdAt, DateTimeOffset updatedAt,
            int layoutId, ReadOnlySpan<ulong> cells)
        {
            if (Count == int.MaxValue)
            {
                throw new InvalidOperationException("A target table holds at most int.MaxValue records.");
            }

            if (!IsUtc(updatedAt) || (createdAt is { } created && !IsUtc(created)))
            {
                throw new ArgumentException("A row's times are UTC; a record with another offset is kept whole (Add).");
            }

            var at = _cells.Reserve(cells.Length);
            if (cells.Length > 0)
            {
                var chunk = _cells.ChunkOf(at, out var offset);
                cells.CopyTo(new Span<ulong>(chunk, offset, cells.Length));
            }

            _ids.Add(id);
            _externalIds.Add(externalId);
            _etags.Add(etag);
            _versions.Add(version);
            _flags.Add((byte)((active ? ActiveFlag : 0) | (createdAt.HasValue ? CreatedFlag : 0)));
            _createdAt.Add(createdAt?.UtcTicks ?? 0);
            _updatedAt.Add(updatedAt.UtcTicks);
            _layoutOf.Add(layoutId);
            _cellsAt.Add(at);
            return Count++;
        }

        /// <summary>The number of a layout in this table; the same layout (by its names, in order) keeps its number.</summary>
        internal int LayoutId(TargetFieldLayout layout)
        {
            if (ReferenceEquals(layout, _lastLayout))
            {
                return _lastLayoutId;
            }

            for (var i = 0; i < _layouts.Count; i++)
            {
                if (ReferenceEquals(_layouts[i], layout) || _layouts[i].Matches(layout.Names))
                {
                    _lastLayout = layout;
                    return _lastLayoutId = i;
                }
            }

            _layouts.Add(layout);
            _lastLayout = layout;
            return _lastLayoutId = _layouts.Count - 1;
        }

        internal int LayoutCount => _layouts.Count;

        /// <summary>The layout of a row; null for a record kept whole.</summary>
        internal TargetFieldLayout? LayoutOf(int row)
        {
            var id = _layoutOf[row];
            return id < 0 ? null : _layouts[id];
        }

        internal int LayoutIdOf(int row) => _layoutOf[row];

        internal TargetFieldLayout Layout(int layoutId) => _layouts[layoutId];

        internal string Id(int row) => Texts.Get(_ids[row])!;

        internal string? ExternalId(int row) => Texts.Get(_externalIds[row]);

        /// <summary>The externalId's cell, to compare in place (<see cref="TargetTexts.TextEquals"/>).</summary>
        internal ulong ExternalIdCell(int row) => _externalIds[row];

        internal string ETag(int row) => Texts.Get(_etags[row])!;

        internal bool Active(int row) => (_flags[row] & ActiveFlag) != 0;

        internal int Version(int row) => _versions[row];

        internal DateTimeOffset? CreatedAt(int row) => (_flags[row] & CreatedFlag) != 0 ? new DateTimeOffset(_createdAt[row], TimeSpan.Zero) : null;

        internal DateTimeOffset UpdatedAt(int row) => new(_updatedAt[row], TimeSpan.Zero);

        private static bool IsUtc(DateTimeOffset time) => time.Offset == TimeSpan.Zero;

        /// <summary>A field's value by name, or null when the row has no such field (as <see cref="TargetStaffRecord"/>'s indexer).</summary>
        internal string? Value(int row, string field)
        {
            var layoutId = _layoutOf[row];
            if (layoutId < 0)
            {
                return Whole(row)![field];
            }

            return _layouts[layoutId].TryGetPosition(field, out var position) ? Texts.Get(Cell(row, position)) : null;
        }

        /// <summary>The cell of the field at <paramref name="position"/> of the row's layout.</summary>
        internal ulong Cell(int row, int position) => _cells[_cellsAt[row] + position];

        /// <summary>A record kept whole (<see cref="MaxFields"/>), or null for a row laid out by position.</summary>
        internal TargetStaffRecord? Whole(int row) => _wide is not null && _wide.TryGetValue(row, out var record) ? record : null;

        /// <summary>The row as a record, made now: only for the people the diff needs one for.</summary>
        internal TargetStaffRecord Record(int row)
        {
            if ((uint)row >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(row));
            }

            if (Whole(row) is { } whole)
            {
                return whole;
            }

            var layout = LayoutOf(row)!;
            var values = new string?[layout.Count];
            var at = _cellsAt[row];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Texts.Get(_cells[at + i]);
            }

            return new TargetStaffRecord(Id(row), ExternalId(row), Active(row), ETag(row), Version(row), CreatedAt(row), UpdatedAt(row), layout, values);
        }

        TargetTable ITargetTableSource.ReadTable(Action? afterEachRecord)
        {
            if (afterEachRecord is not null)
            {
                for (var row = 0; row < Count; row++)
                {
                    afterEachRecord();
                }
            }

            return this;
        }

        /// <summary>Every row as a record, made as it is enumerated.</summary>
        public IEnumerator<TargetStaffRecord> GetEnumerator()
        {
            for (var row = 0; row < Count; row++)
            {
                yield return Record(row);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private TargetFieldLayout? LayoutOf(IEnumerable<string> names)
        {
            var list = names as IReadOnlyList<string> ?? new List<string>(names);
            if (_lastLayout is not null && _lastLayout.Matches(list))
            {
                return _lastLayout;
            }

            return TargetFieldLayout.Of(list);
        }
    }
}
