using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The fast path of <see cref="TargetSnapshotReader"/>: a record line parsed straight from its UTF-8 bytes with
    /// <see cref="Utf8JsonReader"/> (no string per line, no <see cref="JsonDocument"/> per record), field names and
    /// repeating values shared through <see cref="Utf8StringPool"/>, fields held by position in a shared
    /// <see cref="TargetFieldLayout"/>. It accepts only a well-formed record and never reports an error: anything
    /// else is null, and the reader's document path reads that line and gives exactly the error it always gave.
    /// </summary>
    internal sealed class SnapshotRecordParser
    {
        private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

        private readonly Utf8StringPool _names = new();
        private readonly Utf8StringPool _etags = new();
        private readonly Utf8StringPool _times = new();
        private readonly Dictionary<string, Utf8StringPool> _values = new(StringComparer.Ordinal);
        private readonly List<string> _fieldNames = new();
        private readonly List<string?> _fieldValues = new();
        private TargetFieldLayout? _layout;
        private string? _lastTimeText;
        private DateTimeOffset _lastTime;

        /// <summary>
        /// A well-formed record read straight from its bytes, or null when the line is anything else (the end line, or a
        /// line with a problem), which the <see cref="JsonDocument"/> path then reads and reports as before.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal TargetStaffRecord? TryRead(ReadOnlySpan<byte> line)
        {
            try
            {
                var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(ReaderOptions));
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                string? id = null, externalId = null, etag = null, updatedAt = null, createdAt = null;
                bool? active = null;
                int? version = null;
                var hasFields = false;
                var seen = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueIsEscaped)
                    {
                        return null;
                    }

                    var member = Member(reader.ValueSpan);
                    if (member != 0 && (seen & member) != 0)
                    {
                        // A member given twice: which one counts is the document reader's call.
                        return null;
                    }

                    seen |= member;
                    reader.Read();
                    switch (member)
                    {
                        case MemberKind:
                            return null;
                        case MemberId:
                            if (reader.TokenType != JsonTokenType.String || (id = reader.GetString()!).Length == 0)
                            {
                                return null;
                            }

                            break;
                        case MemberExternalId:
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                externalId = reader.GetString();
                            }
                            else if (reader.TokenType != JsonTokenType.Null)
                            {
                                return null;
                            }

                            break;
                        case MemberActive:
                            if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                            {
                                return null;
                            }

                            active = reader.TokenType == JsonTokenType.True;
                            break;
                        case MemberVersion:
                            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var v))
                            {
                                return null;
                            }

                            version = v;
                            break;
                        case MemberETag:
                            if (reader.TokenType != JsonTokenType.String)
                            {
                                return null;
                            }

                            etag = _etags.Get(ref reader);
                            break;
                        case MemberCreatedAt:
                            if (reader.TokenType != JsonTokenType.String)
                            {
                                return null;
                            }

                            createdAt = _times.Get(ref reader);
                            break;
                        case MemberUpdatedAt:
                            if (reader.TokenType != JsonTokenType.String)
                            {
                                return null;
                            }

                            updatedAt = _times.Get(ref reader);
                            break;
                        case MemberFields:
                            if (reader.TokenType != JsonTokenType.StartObject || !ReadFields(ref reader))
                            {
                                return null;
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
                    return null;
                }

                if (id is null || active is null || version is null || etag is null || updatedAt is null)
                {
                    return null;
                }

                DateTimeOffset? created = null;
                if (createdAt is not null)
                {
                    if (!TryTime(createdAt, out var c))
                    {
                        return null;
                    }

                    created = c;
                }

                if (!TryTime(updatedAt, out var updated))
                {
                    return null;
                }

                if (!hasFields)
                {
                    _fieldNames.Clear();
                    _fieldValues.Clear();
                }

                return Compact(id, externalId, active.Value, etag, version.Value, created, updated);
            }
            catch (JsonException)
            {
                return null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        /// <summary>
        /// Reads the fields object's members (the reader on its start) into <see cref="_fieldNames"/> and
        /// <see cref="_fieldValues"/>; false when a value is not a string or null.
        /// </summary>
        [MethodImpl(Hot.Path)]
        private bool ReadFields(ref Utf8JsonReader reader)
        {
            _fieldNames.Clear();
            _fieldValues.Clear();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = _names.Get(ref reader);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    _fieldNames.Add(name);
                    _fieldValues.Add(null);
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    if (!_values.TryGetValue(name, out var pool))
                    {
                        pool = new Utf8StringPool();
                        _values.Add(name, pool);
                    }

                    _fieldNames.Add(name);
                    _fieldValues.Add(pool.Get(ref reader));
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

        // The same parse as RequiredTime; the last text's value is kept, since consecutive records often share it.
        [MethodImpl(Hot.Path)]
        private bool TryTime(string text, out DateTimeOffset value)
        {
            if (ReferenceEquals(text, _lastTimeText))
            {
                value = _lastTime;
                return true;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
            {
                return false;
            }

            _lastTimeText = text;
            _lastTime = value;
            return true;
        }

        private const int MemberId = 1;
        private const int MemberExternalId = 2;
        private const int MemberActive = 4;
        private const int MemberVersion = 8;
        private const int MemberETag = 16;
        private const int MemberCreatedAt = 32;
        private const int MemberUpdatedAt = 64;
        private const int MemberFields = 128;
        private const int MemberKind = 256;

        private static readonly (byte[] Name, int Member)[] Members =
        {
            (Encoding.UTF8.GetBytes(SnapshotNames.Id), MemberId),
            (Encoding.UTF8.GetBytes(SnapshotNames.ExternalId), MemberExternalId),
            (Encoding.UTF8.GetBytes(SnapshotNames.Active), MemberActive),
            (Encoding.UTF8.GetBytes(SnapshotNames.Version), MemberVersion),
            (Encoding.UTF8.GetBytes(SnapshotNames.ETag), MemberETag),
            (Encoding.UTF8.GetBytes(SnapshotNames.CreatedAt), MemberCreatedAt),
            (Encoding.UTF8.GetBytes(SnapshotNames.UpdatedAt), MemberUpdatedAt),
            (Encoding.UTF8.GetBytes(SnapshotNames.Fields), MemberFields),
            (Encoding.UTF8.GetBytes(SnapshotNames.Kind), MemberKind),
        };

        [MethodImpl(Hot.Path)]
        private static int Member(ReadOnlySpan<byte> name)
        {
            foreach (var (bytes, member) in Members)
            {
                if (name.SequenceEqual(bytes))
                {
                    return member;
                }
            }

            return 0;
        }
    }
}
