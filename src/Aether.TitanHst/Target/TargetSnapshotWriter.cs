using System;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Writes a target snapshot as JSON Lines, one record at a time: a header line, one line per record, and an
    /// end line with the count. The file appears under its name only on <see cref="Complete()"/>, so an interrupted
    /// read of TitanHST never leaves something that looks like a whole snapshot.
    /// </summary>
    public sealed class TargetSnapshotWriter : IDisposable
    {
        private static readonly JsonWriterOptions WriterOptions = new()
        {
            // Names stay readable (García, not Garc\u00EDa); the file is data, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private readonly string _path;
        private readonly PendingFile _pending;
        private readonly Stream _stream;
        private readonly MacStream? _sealed;
        private readonly Utf8JsonWriter _json;
        private long _count;
        private bool _completed;

        public TargetSnapshotWriter(string path, TargetSnapshotHeader header)
            : this(path, header, null)
        {
        }

        /// <summary>With <paramref name="sealKey"/>, every byte written also goes into an HMAC under that key (<see cref="Mac"/>).</summary>
        internal TargetSnapshotWriter(string path, TargetSnapshotHeader header, byte[]? sealKey)
        {
            _path = System.IO.Path.GetFullPath(path);
            _pending = PendingFile.Create(_path);
            var file = _pending.Stream;
            if (sealKey is not null)
            {
                // Buffered below the MAC, so each small write is not a system call.
                _sealed = new MacStream(new BufferedStream(file, 1 << 16), sealKey);
                file = _sealed;
            }

            _stream = file;
            _json = new Utf8JsonWriter(_stream, WriterOptions);
            WriteHeader(header);
        }

        /// <summary>The HMAC of the whole file once <see cref="Complete()"/> ran, for a writer made with a seal key; else null.</summary>
        internal string? Mac { get; private set; }

        /// <summary>The file's length once complete.</summary>
        internal long Length { get; private set; }

        /// <summary>Records written so far.</summary>
        public long Count => _count;

        public string FilePath => _path;

        public void Write(TargetStaffRecord record)
        {
            if (_completed)
            {
                throw new InvalidOperationException("The snapshot is already complete.");
            }

            var w = _json;
            w.WriteStartObject();
            w.WriteString(SnapshotNames.Id, record.Id);
            w.WriteString(SnapshotNames.ExternalId, record.ExternalId);
            w.WriteBoolean(SnapshotNames.Active, record.Active);
            w.WriteNumber(SnapshotNames.Version, record.Version);
            w.WriteString(SnapshotNames.ETag, record.ETag);
            if (record.CreatedAt is { } created)
            {
                w.WriteString(SnapshotNames.CreatedAt, FormatTime(created));
            }

            w.WriteString(SnapshotNames.UpdatedAt, FormatTime(record.UpdatedAt));
            w.WriteStartObject(SnapshotNames.Fields);
            foreach (var field in record.Fields)
            {
                w.WriteString(field.Key, field.Value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            EndLine();
            _count++;
        }

        /// <summary>
        /// Copies one record line of another snapshot as it is, without parsing or re-serializing it (a refresh keeps
        /// every unchanged record this way). The caller vouches for the line: it comes from a sealed snapshot.
        /// </summary>
        internal void WriteRawLine(byte[] buffer, int offset, int count)
        {
            if (_completed)
            {
                throw new InvalidOperationException("The snapshot is already complete.");
            }

            _json.Flush();
            _stream.Write(buffer, offset, count);
            _stream.WriteByte((byte)'\n');
            _count++;
        }

        /// <summary>Writes the end line and gives the file its name, replacing an older snapshot there.</summary>
        public void Complete() => Complete(null);

        /// <summary>As <see cref="Complete()"/>, recording in the end line how the snapshot was made (known only now).</summary>
        internal void Complete(SnapshotReadInfo? read)
        {
            if (_completed)
            {
                return;
            }

            _json.WriteStartObject();
            _json.WriteString(SnapshotNames.Kind, SnapshotNames.EndKind);
            _json.WriteNumber(SnapshotNames.Count, _count);
            if (read is not null)
            {
                SnapshotReadInfo.Write(_json, read);
            }

            _json.WriteEndObject();
            EndLine();
            _json.Dispose();
            _stream.Flush();
            if (_sealed is not null)
            {
                Length = _sealed.Written;
                Mac = _sealed.Finish();
            }

            // Flushed to disk and renamed over an older snapshot, which stays whole until then.
            _pending.Commit();
            _stream.Dispose();
            _completed = true;
        }

        /// <summary>Without <see cref="Complete()"/>, removes the partial file.</summary>
        public void Dispose()
        {
            if (_completed)
            {
                return;
            }

            _json.Dispose();
            _stream.Dispose();
            _pending.Dispose();
        }

        internal static string FormatTime(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        private void WriteHeader(TargetSnapshotHeader header)
        {
            var w = _json;
            w.WriteStartObject();
            w.WriteString(SnapshotNames.Kind, TargetSnapshotHeader.Kind);
            w.WriteNumber(SnapshotNames.Format, header.Format);
            w.WriteString(SnapshotNames.TakenAt, FormatTime(header.TakenAt));
            w.WriteString(SnapshotNames.BaseUri, header.BaseUri);
            w.WriteString(SnapshotNames.Scope, header.Scope.ToString().ToLowerInvariant());
            w.WriteString(SnapshotNames.ApiVersion, header.ApiVersion);
            w.WriteString(SnapshotNames.SchemaVersion, header.SchemaVersion);
            if (header.InstanceId is not null)
            {
                w.WriteString(SnapshotNames.InstanceId, header.InstanceId);
            }
            w.WriteEndObject();
            EndLine();
        }

        private void EndLine()
        {
            _json.Flush();
            _stream.WriteByte((byte)'\n');
            _json.Reset();
        }
    }
}
