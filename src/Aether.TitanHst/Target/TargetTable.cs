using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// TitanHST's records as rows of a few large chunked columns, the form the diff holds them in while it runs: each
    /// row's text as 4-byte cells of <see cref="TargetTexts"/> (id, externalId, ETag, then the fields by position in
    /// a shared <see cref="TargetFieldLayout"/>; unique text as UTF-8 bytes in one run per row, repeating text as
    /// shared strings), active, version and times as plain values. A <see cref="TargetStaffRecord"/> is made from a
    /// row only when asked (<see cref="Record"/>); the diff compares the unchanged majority by reading cells
    /// (<see cref="TargetFieldSelection"/>) and makes none for them.
    /// </summary>
    /// <remarks>
    /// Before, every record the diff held was an object, a values array and a string per id, externalId, name and
    /// e-mail, all surviving until the diff ended: the GC copied them at every collection it promoted them through,
    /// and at 1M staff they were most of the target's share of the diff's peak. Built by one thread, read after it is
    /// handed over (or by several threads at once, reading only).
    /// </remarks>
    internal sealed class TargetTable : IEnumerable<TargetStaffRecord>, ITargetTableSource
    {
        internal const int DefaultRowChunkShift = 14;
        internal const int DefaultCellChunkShift = 16;

        // A row's cells: these three, then its fields in its layout's order.
        private const int IdCell = 0;
        private const int ExternalIdCell = 1;
        private const int ETagCell = 2;
        private const int FirstField = 3;

        private const byte ActiveFlag = 1;
        private const byte CreatedFlag = 2;

        private readonly ChunkedColumn<int> _versions;
        // UTC ticks: every time read from a snapshot or the API is UTC; a record with another offset is kept whole.
        private readonly ChunkedColumn<long> _createdAt;
        private readonly ChunkedColumn<long> _updatedAt;
        // What every look-up and compare of a row reads (where its cells and text are, its layout, active), side by
        // side: one cache line per row, where four columns cost a miss each.
        private readonly ChunkedColumn<RowPlace> _places;
        private readonly ChunkedColumn<uint> _cells;
        private readonly List<TargetFieldLayout> _layouts = new();
        private Dictionary<int, TargetStaffRecord>? _wide;
        private TargetFieldLayout? _lastLayout;
        private int _lastLayoutId = -1;
        private ulong[] _addCells = new ulong[16];
        private uint[] _settled = new uint[16];
        private byte[] _addScratch = new byte[256];

        public TargetTable()
            : this(DefaultRowChunkShift, DefaultCellChunkShift, TargetTexts.DefaultChunkBytes)
        {
        }

        /// <summary>A table with other chunk sizes: small ones let tests cross chunk boundaries with a few records.</summary>
        internal TargetTable(int rowChunkShift, int cellChunkShift, int textChunkBytes)
        {
            _versions = new ChunkedColumn<int>(rowChunkShift);
            _createdAt = new ChunkedColumn<long>(rowChunkShift);
            _updatedAt = new ChunkedColumn<long>(rowChunkShift);
            _places = new ChunkedColumn<RowPlace>(rowChunkShift);
            _cells = new ChunkedColumn<uint>(cellChunkShift);
            Texts = new TargetTexts(textChunkBytes);
        }

        internal TargetTexts Texts { get; }

        internal int Count { get; private set; }

        /// <summary>The most fields a row can hold by position (a chunk of cells, less id, externalId and ETag); wider records are kept whole.</summary>
        internal int MaxFields => _cells.ChunkSize - FirstField;

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
            var whole = layout is null || layout.Count > MaxFields || !IsUtc(record.UpdatedAt) || (record.CreatedAt is { } created && !IsUtc(created));
            var count = FirstField + (whole ? 0 : layout!.Count);
            if (_addCells.Length < count)
            {
                _addCells = new ulong[count];
            }

            var used = 0;
            _addCells[IdCell] = texts.Pending(record.Id, ref _addScratch, ref used);
            _addCells[ExternalIdCell] = texts.Pending(record.ExternalId, ref _addScratch, ref used);
            _addCells[ETagCell] = texts.Pending(record.ETag, ref _addScratch, ref used);
            if (whole)
            {
                // Fields that cannot be laid out by position (more than a chunk of cells), or a time with an offset
                // other than UTC's (made by hand; the reader and the client give UTC): the record is kept as it is.
                var wideRow = AddRow(record.Active, record.Version, null, record.UpdatedAt.ToUniversalTime(), -1,
                    new ReadOnlySpan<ulong>(_addCells, 0, FirstField), _addScratch);
                (_wide ??= new Dictionary<int, TargetStaffRecord>())[wideRow] = record;
                return wideRow;
            }

            for (var i = 0; i < layout!.Count; i++)
            {
                _addCells[FirstField + i] = texts.Pending(record[layout.Names[i]], ref _addScratch, ref used);
            }

            return AddRow(record.Active, record.Version, record.CreatedAt, record.UpdatedAt, LayoutId(layout),
                new ReadOnlySpan<ulong>(_addCells, 0, count), _addScratch);
        }

        /// <summary>
        /// Adds a row from pending cells of <see cref="TargetTexts"/> (<see cref="TargetTexts.PendingBytes"/> into
        /// <paramref name="scratch"/>, <see cref="TargetTexts.PendingHeld"/>, 0): id, externalId, ETag, then one per
        /// name of the layout <paramref name="layoutId"/> (from <see cref="LayoutId"/>; -1 for a record kept whole).
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal int AddRow(bool active, int version, DateTimeOffset? createdAt, DateTimeOffset updatedAt, int layoutId,
            ReadOnlySpan<ulong> pending, ReadOnlySpan<byte> scratch)
        {
            if (Count == int.MaxValue)
            {
                throw new InvalidOperationException("A target table holds at most int.MaxValue records.");
            }

            if (!IsUtc(updatedAt) || (createdAt is { } created && !IsUtc(created)))
            {
                throw new ArgumentException("A row's times are UTC; a record with another offset is kept whole (Add).");
            }

            if (_settled.Length < pending.Length)
            {
                _settled = new uint[Math.Max(pending.Length, _settled.Length * 2)];
            }

            var cells = new Span<uint>(_settled, 0, pending.Length);
            Texts.Settle(pending, scratch, cells, out var textAt);
            var at = _cells.Reserve(cells.Length);
            var chunk = _cells.ChunkOf(at, out var offset);
            cells.CopyTo(new Span<uint>(chunk, offset, cells.Length));

            _versions.Add(version);
            _createdAt.Add(createdAt?.UtcTicks ?? 0);
            _updatedAt.Add(updatedAt.UtcTicks);
            _places.Add(new RowPlace(at, textAt, layoutId, (byte)((active ? ActiveFlag : 0) | (createdAt.HasValue ? CreatedFlag : 0))));
            return Count++;
        }

        /// <summary>The number of a layout in this table; the same layout (by its names, in order) keeps its number.</summary>
        [MethodImpl(Hot.Path)]
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
        [MethodImpl(Hot.Path)]
        internal TargetFieldLayout? LayoutOf(int row)
        {
            var id = _places.At(row).LayoutOf;
            return id < 0 ? null : _layouts[id];
        }

        internal int LayoutIdOf(int row) => _places.At(row).LayoutOf;

        internal TargetFieldLayout Layout(int layoutId) => _layouts[layoutId];

        internal string Id(int row) => CellText(row, IdCell)!;

        internal string? ExternalId(int row) => CellText(row, ExternalIdCell);

        /// <summary>True when the row's externalId is exactly <paramref name="value"/>, compared in place.</summary>
        [MethodImpl(Hot.Path)]
        internal bool ExternalIdEquals(int row, string value)
        {
            ref readonly var place = ref _places.At(row);
            return Texts.TextEquals(_cells[place.CellsAt + ExternalIdCell], RunAt(place, ExternalIdCell), value);
        }

        internal string ETag(int row) => CellText(row, ETagCell)!;

        [MethodImpl(Hot.Path)]
        internal bool Active(int row) => (_places.At(row).Flags & ActiveFlag) != 0;

        internal int Version(int row) => _versions[row];

        [MethodImpl(Hot.Path)]
        internal DateTimeOffset? CreatedAt(int row) => (_places.At(row).Flags & CreatedFlag) != 0 ? new DateTimeOffset(_createdAt[row], TimeSpan.Zero) : null;

        internal DateTimeOffset UpdatedAt(int row) => new(_updatedAt[row], TimeSpan.Zero);

        /// <summary>A field's value by name, or null when the row has no such field (as <see cref="TargetStaffRecord"/>'s indexer).</summary>
        internal string? Value(int row, string field)
        {
            var layoutId = _places.At(row).LayoutOf;
            if (layoutId < 0)
            {
                return Whole(row)![field];
            }

            return _layouts[layoutId].TryGetPosition(field, out var position) ? FieldText(row, position) : null;
        }

        /// <summary>The text of the field at <paramref name="position"/> of the row's layout.</summary>
        internal string? FieldText(int row, int position) => CellText(row, FirstField + position);

        /// <summary><see cref="Diff.FieldValues.Same"/> of <paramref name="value"/> and the field at <paramref name="position"/>, read in place.</summary>
        internal bool FieldSame(int row, int position, string? value)
        {
            ref readonly var place = ref _places.At(row);
            var cell = FirstField + position;
            return Texts.Same(_cells[place.CellsAt + cell], RunAt(place, cell), value);
        }

        /// <summary>
        /// A row's cells in place, for reading several of its fields in one walk (<see cref="TargetFieldSelection.Open"/>):
        /// the chunk that holds them (a row's cells are never split over chunks), where they start and how many there
        /// are (id, externalId, ETag, then the fields), and where the row's text run starts. False for a record kept
        /// whole, which has no cells for its fields.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool TryCells(int row, out uint[] cells, out int offset, out int count, out long textAt)
        {
            ref readonly var place = ref _places.At(row);
            if (place.LayoutOf < 0)
            {
                cells = Array.Empty<uint>();
                offset = count = 0;
                textAt = 0;
                return false;
            }

            cells = _cells.ChunkOf(place.CellsAt, out offset);
            count = FirstField + _layouts[place.LayoutOf].Count;
            textAt = place.TextAt;
            return true;
        }

        /// <summary>The first of a row's field cells, after id, externalId and ETag (<see cref="TryCells"/>).</summary>
        internal const int FieldCellsStart = FirstField;

        /// <summary>A record kept whole (<see cref="MaxFields"/>, a time not in UTC), or null for a row laid out by position.</summary>
        [MethodImpl(Hot.Path)]
        internal TargetStaffRecord? Whole(int row) => _wide is not null && _wide.TryGetValue(row, out var record) ? record : null;

        /// <summary>The row as a record, made now: only for the people the diff needs one for.</summary>
        [MethodImpl(Hot.Path)]
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
            ref readonly var place = ref _places.At(row);
            var cellsAt = place.CellsAt;
            var at = place.TextAt;
            string? id = null, externalId = null, etag = null;
            for (var i = 0; i < FirstField + values.Length; i++)
            {
                var cell = _cells[cellsAt + i];
                var text = Texts.Get(cell, at);
                at += TargetTexts.RunLength(cell);
                switch (i)
                {
                    case IdCell: id = text; break;
                    case ExternalIdCell: externalId = text; break;
                    case ETagCell: etag = text; break;
                    default: values[i - FirstField] = text; break;
                }
            }

            return new TargetStaffRecord(id!, externalId, Active(row), etag!, Version(row), CreatedAt(row), UpdatedAt(row), layout, values);
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

        [MethodImpl(Hot.Path)]
        private string? CellText(int row, int cell)
        {
            ref readonly var place = ref _places.At(row);
            return Texts.Get(_cells[place.CellsAt + cell], RunAt(place, cell));
        }

        /// <summary>Where a cell's bytes start: after the bytes of the row's earlier cells in its run.</summary>
        [MethodImpl(Hot.Path)]
        private long RunAt(in RowPlace place, int cell)
        {
            var at = place.TextAt;
            for (var i = 0; i < cell; i++)
            {
                at += TargetTexts.RunLength(_cells[place.CellsAt + i]);
            }

            return at;
        }

        /// <summary>A row's place in the table: where its cells and text start, its layout (-1: kept whole), its flags.</summary>
        private readonly struct RowPlace
        {
            internal RowPlace(long cellsAt, long textAt, int layoutOf, byte flags)
            {
                CellsAt = cellsAt;
                TextAt = textAt;
                LayoutOf = layoutOf;
                Flags = flags;
            }

            internal long CellsAt { get; }

            internal long TextAt { get; }

            internal int LayoutOf { get; }

            internal byte Flags { get; }
        }

        private static bool IsUtc(DateTimeOffset time) => time.Offset == TimeSpan.Zero;

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
