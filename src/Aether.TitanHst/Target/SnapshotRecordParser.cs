using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The fast path of <see cref="TargetSnapshotReader"/>: a record line parsed straight from its UTF-8 bytes with
    /// <see cref="Utf8JsonReader"/> (no string per line, no <see cref="JsonDocument"/> per record), field names and
    /// repeating values shared through <see cref="Utf8StringPool"/>, fields held by position in a shared
    /// <see cref="TargetFieldLayout"/>. It accepts only a well-formed record and never reports an error: anything
    /// else is null, and the reader's document path reads that line and gives exactly the error it always gave.
    /// </summary>
    internal sealed partial class SnapshotRecordParser
    {
        private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

        private readonly Utf8StringPool _names = new();
        private readonly Utf8StringPool _etags = new();
        private readonly Utf8StringPool _times = new();
        private readonly Dictionary<string, Utf8StringPool> _values = new(StringComparer.Ordinal);
        private readonly List<string> _fieldNames = new();
        private readonly List<string?> _fieldValues = new();
        private readonly List<ulong> _fieldCells = new();
        private readonly List<(string Name, Utf8StringPool Pool)> _poolsByPlace = new();
        private readonly List<(byte[] Raw, string Name)> _namesByPlace = new();
        private readonly TargetTable? _table;
        private TargetFieldLayout? _layout;
        private TargetStaffRecord? _record;
        private byte[] _scratch = new byte[256];
        private int _scratchUsed;

        /// <summary>A parser that makes records (<see cref="TryRead"/>).</summary>
        internal SnapshotRecordParser()
        {
        }

        /// <summary>A parser that adds rows to <paramref name="table"/> (<see cref="TryAppend"/>); its pools number that table's strings.</summary>
        internal SnapshotRecordParser(TargetTable table) => _table = table;

        /// <summary>
        /// A well-formed record read straight from its bytes, or null when the line is anything else (the end line, or a
        /// line with a problem), which the <see cref="JsonDocument"/> path then reads and reports as before.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal TargetStaffRecord? TryRead(ReadOnlySpan<byte> line)
        {
            if (_table is not null)
            {
                throw new InvalidOperationException("This parser adds to a table; use TryAppend.");
            }

            return Parse(line) ? _record : null;
        }

        /// <summary>
        /// Adds a well-formed record straight from its bytes to the table this parser was made for, as a row (no
        /// <see cref="TargetStaffRecord"/> made); false, with nothing added, for exactly the lines <see cref="TryRead"/>
        /// gives null for.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal bool TryAppend(ReadOnlySpan<byte> line)
        {
            if (_table is null)
            {
                throw new InvalidOperationException("This parser makes records; use TryRead.");
            }

            // The writer's own shape is scanned byte by byte (SnapshotRecordParser.Scan.cs); any other line is parsed.
            return TryScan(line, _table) || Parse(line);
        }

        /// <summary>
        /// <see cref="TryAppend"/> without the scan: for a line the scan (<see cref="TryScan"/>) has left, so that the
        /// reader can check its UTF-8 between the two.
        /// </summary>
        internal bool TryParseRow(ReadOnlySpan<byte> line)
        {
            if (_table is null)
            {
                throw new InvalidOperationException("This parser makes records; use TryRead.");
            }

            return Parse(line);
        }

        /// <summary>
        /// The one parse of a record line, for both forms: the record (<see cref="_record"/>) or a row added to
        /// <see cref="_table"/>. Every check is made the same way for both; only what is kept of a string differs.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private bool Parse(ReadOnlySpan<byte> line)
        {
            _record = null;
            _scratchUsed = 0;
            var table = _table;
            try
            {
                var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(ReaderOptions));
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                string? id = null, externalId = null, etag = null, updatedAt = null, createdAt = null;
                ulong idCell = 0, externalIdCell = 0, etagCell = 0;
                var hasId = false;
                bool? active = null;
                int? version = null;
                var hasFields = false;
                var seen = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueIsEscaped)
                    {
                        return false;
                    }

                    var member = Member(reader.ValueSpan);
                    if (member != 0 && (seen & member) != 0)
                    {
                        // A member given twice: which one counts is the document reader's call.
                        return false;
                    }

                    seen |= member;
                    reader.Read();
                    switch (member)
                    {
                        case MemberKind:
                            return false;
                        case MemberId:
                            if (reader.TokenType != JsonTokenType.String)
                            {
                                return false;
                            }

                            if (table is null ? (id = reader.GetString()!).Length == 0 : Length(idCell = Capture(ref reader)) == 0)
                            {
                                return false;
                            }

                            hasId = true;
                            break;
                        case MemberExternalId:
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                if (table is null)
                                {
                                    externalId = reader.GetString();
                                }
                                else
                                {
                                    externalIdCell = Capture(ref reader);
                                }
                            }
                            else if (reader.TokenType != JsonTokenType.Null)
                            {
                                return false;
                            }

                            break;
                        case MemberActive:
                            if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                            {
                                return false;
                            }

                            active = reader.TokenType == JsonTokenType.True;
                            break;
                        case MemberVersion:
                            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var v))
                            {
                                return false;
                            }

                            version = v;
                            break;
                        case MemberETag:
                            if (reader.TokenType != JsonTokenType.String)
                            {
                                return false;
                            }

                            if (table is null)
                            {
                                etag = _etags.Get(ref reader);
                            }
                            else
                            {
                                etagCell = Pooled(_etags, ref reader, table);
                            }

                            break;
                        case MemberCreatedAt:
                            if (reader.TokenType != JsonTokenType.String)
                            {
                                return false;
                            }

                            createdAt = _times.Get(ref reader);
                            break;
                        case MemberUpdatedAt:
                            if (reader.TokenType != JsonTokenType.String)
                            {
                                return false;
                            }

                            updatedAt = _times.Get(ref reader);
                            break;
                        case MemberFields:
                            if (reader.TokenType != JsonTokenType.StartObject || !ReadFields(ref reader, table))
                            {
                                return false;
                            }

                            hasFields = true;

                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }

                if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                {
                    return false;
                }

                if (!hasId || active is null || version is null || (table is null ? etag is null : (seen & MemberETag) == 0) || updatedAt is null)
                {
                    return false;
                }

                if (!TryTimes(createdAt, updatedAt, out var created, out var updated))
                {
                    return false;
                }

                if (!hasFields)
                {
                    _fieldNames.Clear();
                    _fieldValues.Clear();
                    _fieldCells.Clear();
                }

                if (table is null)
                {
                    _record = Compact(id!, externalId, active.Value, etag!, version.Value, created, updated);
                }
                else
                {
                    AddRow(table, idCell, externalIdCell, etagCell, active.Value, version.Value, created, updated);
                }

                return true;
            }
            catch (JsonException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>
        /// Reads the fields object's members (the reader on its start) into <see cref="_fieldNames"/> and
        /// <see cref="_fieldValues"/>; false when a value is not a string or null.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private bool ReadFields(ref Utf8JsonReader reader, TargetTable? table)
        {
            _fieldNames.Clear();
            _fieldValues.Clear();
            _fieldCells.Clear();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = NameAt(ref reader, _fieldNames.Count);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    _fieldNames.Add(name);
                    if (table is null)
                    {
                        _fieldValues.Add(null);
                    }
                    else
                    {
                        _fieldCells.Add(0);
                    }
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    var pool = PoolOf(name, _fieldNames.Count);
                    _fieldNames.Add(name);
                    if (table is null)
                    {
                        _fieldValues.Add(pool.Get(ref reader));
                    }
                    else
                    {
                        _fieldCells.Add(Pooled(pool, ref reader, table));
                    }
                }
                else
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The record from the fields just read: by position in the current layout when its names match it (the usual
        /// case: every record of a snapshot is written with the same names in the same order), else in a new layout,
        /// or, when a name repeats, in a dictionary where the last value wins, as the document reader does.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private TargetStaffRecord Compact(string id, string? externalId, bool active, string etag, int version, DateTimeOffset? created, DateTimeOffset updated)
        {
            if (_layout is null || !_layout.Matches(_fieldNames))
            {
                var layout = TargetFieldLayout.Of(_fieldNames);
                if (layout is null)
                {
                    var fields = new Dictionary<string, string?>(_fieldNames.Count, StringComparer.Ordinal);
                    for (var i = 0; i < _fieldNames.Count; i++)
                    {
                        fields[_fieldNames[i]] = _fieldValues[i];
                    }

                    return new TargetStaffRecord(id, externalId, active, etag, version, created, updated, fields);
                }

                _layout = layout;
            }

            return new TargetStaffRecord(id, externalId, active, etag, version, created, updated, _layout, _fieldValues.ToArray());
        }
    }
}
