using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Reads a target snapshot written by <see cref="TargetSnapshotWriter"/>, one line at a time. Any problem is an
    /// <see cref="InputFileException"/> naming the file, the line and the member, including a missing end line
    /// (a truncated copy) and a count that does not match.
    /// </summary>
    /// <remarks>
    /// Well-formed records are parsed from the line's bytes by <see cref="SnapshotRecordParser"/>; anything else (the
    /// end line, a missing or mistyped member, invalid JSON) is read again by the <see cref="JsonDocument"/> path
    /// here, which gives exactly the error it always gave.
    /// </remarks>
    public sealed partial class TargetSnapshotReader : IDisposable
    {
        private static readonly UTF8Encoding StrictUtf8 = new(false, true);

        private readonly Utf8LineReader _reader;
        private readonly string _file;
        private readonly SnapshotRecordParser _fast = new();
        private int _line;
        private bool _enumerated;

        private TargetSnapshotReader(string file, Utf8LineReader reader, SnapshotSealCheck? seal = null)
        {
            _file = file;
            _reader = reader;
            _seal = seal;
            Header = ReadHeader();
        }

        private readonly SnapshotSealCheck? _seal;

        /// <summary>
        /// Every record line read by the document path alone (no fast parse, no scan): the reference the fast paths are
        /// held to, line for line (<c>SnapshotReaderDifferentialTests</c>). Records only, not <see cref="ReadTable"/>.
        /// </summary>
        internal bool DocumentPathOnly { get; set; }

        /// <summary>True when the file has a seal, which is checked once the last line has been read.</summary>
        public bool Sealed => _seal is not null;

        public TargetSnapshotHeader Header { get; }

        public string File => _file;

        /// <summary>Opens the file and reads its header; the records follow with <see cref="ReadRecords"/>.</summary>
        public static TargetSnapshotReader Open(string path)
        {
            var full = Path.GetFullPath(path);
            InputFiles.RequireFile(full, "The snapshot file does not exist.", InputPathOrigin.CommandLine);

            var reader = new Utf8LineReader(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
            try
            {
                return new TargetSnapshotReader(full, reader);
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Opens <paramref name="path"/> as <see cref="Open(string)"/> does; when a seal (<c>&lt;file&gt;.seal</c>,
        /// written by Update-TitanHstSnapshot and the sync's kept snapshots) lies beside it, the seal is checked over
        /// exactly the bytes parsed, in the same pass, and a file changed since it was sealed fails at its end with
        /// <see cref="InputErrorIds.SnapshotSealMismatch"/>, before the caller has used a single record for a decision
        /// (the diff reads the whole target before its first change). <paramref name="key"/> is asked for only then.
        /// </summary>
        public static TargetSnapshotReader OpenChecked(string path, Func<Security.InstallationKey> key)
        {
            var full = Path.GetFullPath(path);
            var sealPath = SnapshotSeal.PathOf(full);
            if (!System.IO.File.Exists(full) || !System.IO.File.Exists(sealPath))
            {
                return Open(full);
            }

            var seal = SnapshotSeal.TryRead(full, out var problem)
                ?? throw new InputFileException(InputErrorIds.SnapshotSealMismatch, sealPath, 0, string.Empty, $"The snapshot's seal cannot be used: {problem}. Take the snapshot again (Update-TitanHstSnapshot -Full).");
            byte[] macKey;
            using (var installation = key())
            {
                if (!string.Equals(seal.KeyId, installation.KeyId, StringComparison.Ordinal))
                {
                    throw new InputFileException(InputErrorIds.SnapshotSealMismatch, full, 0, string.Empty,
                        "The snapshot was sealed with another installation key, so this installation cannot tell whether it was changed. Take the snapshot again here (Update-TitanHstSnapshot -Full).");
                }

                macKey = installation.DeriveKey(SnapshotSeal.Purpose);
            }

            if (new FileInfo(full).Length != seal.Length)
            {
                throw new InputFileException(InputErrorIds.SnapshotSealMismatch, full, 0, string.Empty, SnapshotSealCheck.Changed);
            }

            var stream = new Security.MacReadStream(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), macKey);
            var reader = new Utf8LineReader(stream);
            try
            {
                return new TargetSnapshotReader(full, reader, new SnapshotSealCheck(seal, stream));
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        /// <summary>Reads every record, once; the end line is checked when the last record has been read.</summary>
        /// <remarks>
        /// The diff reads the same records straight into its compact table (no record made for each line) when it
        /// is given this sequence, or a <see cref="TargetRecordStream"/> of it; every check is the same either way.
        /// </remarks>
        public IEnumerable<TargetStaffRecord> ReadRecords() => new SnapshotRecords(this);

        private IEnumerable<TargetStaffRecord> Records()
        {
            StartReading();
            long count = 0;
            while (true)
            {
                if (!NextBytes(out var bytes))
                {
                    throw Fail(InputErrorIds.SnapshotTruncated, string.Empty, $"The file ends after {count} record(s) without its end line; it is incomplete.");
                }

                if (((DocumentPathOnly ? null : _fast.TryRead(bytes.Span)) ?? ReadOtherLine(bytes, count)) is not { } record)
                {
                    yield break;
                }

                yield return record;
                count++;
            }
        }

        /// <summary>
        /// Every record as a row of a table (what <see cref="Records"/> would give, in order): well-formed lines go
        /// straight from their bytes into the table, any other line through the document path, with its error.
        /// </summary>
        private TargetTable ReadTable(Action? afterEachRecord)
        {
            StartReading();
            var table = new TargetTable();
            var parser = new SnapshotRecordParser(table);
            long count = 0;
            while (true)
            {
                if (!NextUncheckedBytes(out var bytes))
                {
                    throw Fail(InputErrorIds.SnapshotTruncated, string.Empty, $"The file ends after {count} record(s) without its end line; it is incomplete.");
                }

                // A line the scan takes is well-formed UTF-8 (the scan checks every byte of 0x80 and above), so only a
                // line it leaves is checked here, before the parse and the document path read it.
                if (!parser.TryScan(bytes.Span, table) && !CheckedThenParsed(parser, bytes.Span))
                {
                    if (ReadOtherLine(bytes, count) is not { } record)
                    {
                        return table;
                    }

                    table.Add(record);
                }

                count++;
                afterEachRecord?.Invoke();
            }
        }

        private bool CheckedThenParsed(SnapshotRecordParser parser, ReadOnlySpan<byte> line)
        {
            CheckUtf8(line);
            return parser.TryParseRow(line);
        }

        private void StartReading()
        {
            if (_enumerated)
            {
                throw new InvalidOperationException("The records of a snapshot can be read once.");
            }

            _enumerated = true;
        }

        /// <summary>
        /// A line the fast parser did not take, read as a document: a record, null for the end line (its count, what
        /// follows it and the seal checked), or the error the line deserves.
        /// </summary>
        private TargetStaffRecord? ReadOtherLine(ReadOnlyMemory<byte> bytes, long count)
        {
            var text = StrictUtf8.GetString(bytes.Span.ToArray());
            using var document = Parse(text, InputErrorIds.SnapshotRecordInvalid);
            var root = document.RootElement;
            if (root.TryGetProperty(SnapshotNames.Kind, out var kind))
            {
                if (kind.ValueKind != JsonValueKind.String || Text(kind, SnapshotNames.Kind, InputErrorIds.SnapshotRecordInvalid) != SnapshotNames.EndKind)
                {
                    throw Fail(InputErrorIds.SnapshotRecordInvalid, SnapshotNames.Kind, "Only the end line has a kind; expected \"end\".");
                }

                CheckEnd(root, count);
                _seal?.Verify(_file);
                return null;
            }

            return ReadRecord(root);
        }

        public void Dispose() => _reader.Dispose();

        private string? NextLine() => NextBytes(out var bytes) ? StrictUtf8.GetString(bytes.Span.ToArray()) : null;

        /// <summary>The next line's bytes, checked to be UTF-8 (as the text reader did); false at the end of the file.</summary>
        [MethodImpl(Hot.Path)]
        private bool NextBytes(out ReadOnlyMemory<byte> bytes)
        {
            if (!NextUncheckedBytes(out bytes))
            {
                return false;
            }

            CheckUtf8(bytes.Span);
            return true;
        }

        /// <summary>The next line's bytes, not yet checked to be UTF-8 (<see cref="CheckUtf8"/>); false at the end of the file.</summary>
        [MethodImpl(Hot.Path)]
        private bool NextUncheckedBytes(out ReadOnlyMemory<byte> bytes)
        {
            if (!_reader.TryReadLine(out bytes))
            {
                return false;
            }

            _line++;
            return true;
        }

        /// <summary>Refuses the current line unless it is well-formed UTF-8, checked in place.</summary>
        private void CheckUtf8(ReadOnlySpan<byte> line)
        {
            var at = Utf8Sequence.FirstInvalid(line);
            if (at >= 0)
            {
                // Where, to the byte (an editor's column on a JSON line), and which byte: a byte value is no one's data.
                throw new InputFileException(InputErrorIds.SnapshotRecordInvalid, _file, _line, MemberAt(line, at),
                    $"The line is not valid UTF-8: byte 0x{line[at]:X2} at byte {at + 1} of the line does not begin or continue a well-formed sequence.");
            }
        }

        /// <summary>
        /// The member ("lastName", "fields.lastName") whose name or value holds the byte at <paramref name="at"/>, read
        /// as JSON up to there (all of it well-formed UTF-8); empty when no member name comes before it. Error path only.
        /// </summary>
        private static string MemberAt(ReadOnlySpan<byte> line, int at)
        {
            var reader = new Utf8JsonReader(line.Slice(0, at), isFinalBlock: false, state: default);
            string? parent = null, member = null, path = null;
            try
            {
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        member = reader.GetString();
                        path = reader.CurrentDepth > 1 && parent is not null ? parent + "." + member : member;
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 1)
                    {
                        parent = member;
                    }
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // A line broken before the bad byte: the last member read is the best there is.
            }

            return path ?? string.Empty;
        }

        private InputFileException Fail(string errorId, string field, string problem) => new(errorId, _file, _line, field, problem);

        /// <summary>The reader's records, enumerable as records or readable straight into a table, once either way.</summary>
        private sealed class SnapshotRecords : IEnumerable<TargetStaffRecord>, ITargetTableSource
        {
            private readonly TargetSnapshotReader _reader;

            internal SnapshotRecords(TargetSnapshotReader reader) => _reader = reader;

            public IEnumerator<TargetStaffRecord> GetEnumerator() => _reader.Records().GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

            TargetTable ITargetTableSource.ReadTable(Action? afterEachRecord) => _reader.ReadTable(afterEachRecord);
        }
    }
}
