using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// A snapshot kept between runs for incremental reads, read back as untrusted input: its header and end line are
    /// read first (to decide whether a refresh is possible), then its record lines stream past as raw bytes while an
    /// HMAC is computed over every byte; the seal is compared at the end, together with the count and the ascending
    /// id order a merge relies on. Anything wrong is a <see cref="KeptSnapshotDoubtException"/>: the caller reads in full.
    /// </summary>
    internal sealed class KeptSnapshotFile
    {
        private const int TailBytes = 1 << 16;
        private readonly string _path;
        private readonly SnapshotSeal _seal;
        private readonly byte[] _macKey;
        private readonly long _declaredCount;

        private KeptSnapshotFile(string path, SnapshotSeal seal, byte[] macKey, TargetSnapshotHeader header, SnapshotReadInfo read, long declaredCount)
        {
            _path = path;
            _seal = seal;
            _macKey = macKey;
            Header = header;
            Read = read;
            _declaredCount = declaredCount;
        }

        internal TargetSnapshotHeader Header { get; }

        /// <summary>How the snapshot was made; its high-water mark is where a refresh starts (minus the overlap).</summary>
        internal SnapshotReadInfo Read { get; }

        /// <summary>Opens <paramref name="path"/> and reads its seal, header and end line; throws <see cref="KeptSnapshotDoubtException"/> when any is missing or wrong.</summary>
        internal static KeptSnapshotFile Open(string path, InstallationKey key)
        {
            if (!File.Exists(path))
            {
                throw new KeptSnapshotDoubtException("there is no kept snapshot yet");
            }

            var seal = SnapshotSeal.TryRead(path, out var problem) ?? throw new KeptSnapshotDoubtException(problem);
            if (!string.Equals(seal.KeyId, key.KeyId, StringComparison.Ordinal))
            {
                throw new KeptSnapshotDoubtException("it was sealed with another installation key");
            }

            if (new FileInfo(path).Length != seal.Length)
            {
                throw new KeptSnapshotDoubtException("its length differs from the sealed length");
            }

            TargetSnapshotHeader header;
            try
            {
                using var reader = TargetSnapshotReader.Open(path);
                header = reader.Header;
            }
            catch (InputFileException e)
            {
                throw new KeptSnapshotDoubtException("its header is invalid (" + e.ErrorId + ")");
            }

            JsonDocument end;
            try
            {
                end = JsonDocument.Parse(LastLine(path));
            }
            catch (JsonException)
            {
                throw new KeptSnapshotDoubtException("its end line is not valid JSON");
            }

            using var endDocument = end;
            var root = end.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != "end"
                || !root.TryGetProperty("count", out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out var count) || count < 0)
            {
                throw new KeptSnapshotDoubtException("its last line is not an end line");
            }

            var read = SnapshotReadInfo.Parse(root, out problem) ?? throw new KeptSnapshotDoubtException(problem);
            return new KeptSnapshotFile(path, seal, key.DeriveKey(SnapshotSeal.Purpose), header, read, count);
        }

        /// <summary>
        /// The record lines in file order. Throws <see cref="KeptSnapshotDoubtException"/> at the end when the MAC, the
        /// count or the id order is wrong, so a caller writing a new snapshot from them never completes it.
        /// </summary>
        internal IEnumerable<KeptSnapshotLine> Records()
        {
            using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _macKey);
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = new byte[1 << 20];
            int start = 0, end = 0;
            long lineNumber = 0, records = 0;
            string? lastId = null;
            var sawEnd = false;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline < 0)
                {
                    // Keep the partial line at the front, grow for a line longer than the buffer, then read on.
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                    if (end == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var n = stream.Read(buffer, end, buffer.Length - end);
                    if (n == 0)
                    {
                        if (end != 0)
                        {
                            throw new KeptSnapshotDoubtException("it does not end with a newline");
                        }

                        break;
                    }

                    mac.AppendData(buffer, end, n);
                    end += n;
                    continue;
                }

                lineNumber++;
                var length = newline - start;
                if (lineNumber > 1)
                {
                    if (sawEnd)
                    {
                        throw new KeptSnapshotDoubtException("something follows its end line");
                    }

                    if (IsEndLine(buffer, start, length))
                    {
                        sawEnd = true;
                    }
                    else
                    {
                        var id = IdOf(buffer, start, length, lineNumber);
                        if (lastId is not null && string.CompareOrdinal(id, lastId) <= 0)
                        {
                            throw new KeptSnapshotDoubtException($"its records are not in ascending id order at line {lineNumber}");
                        }

                        lastId = id;
                        records++;
                        yield return new KeptSnapshotLine(id, buffer, start, length);
                    }
                }

                start = newline + 1;
            }

            if (!sawEnd || records != _declaredCount)
            {
                throw new KeptSnapshotDoubtException("its record count differs from its end line");
            }

            if (!Hex.SameAsWritten(Hex.Of(mac.GetHashAndReset()), _seal.Mac))
            {
                throw new KeptSnapshotDoubtException("its content does not match its seal (changed since it was written)");
            }
        }

        private static bool IsEndLine(byte[] buffer, int offset, int count)
        {
            // Our writer starts the end line with its kind and every record line with its id.
            var prefix = "{\"kind\":"u8;
            return count >= prefix.Length && buffer.AsSpan(offset, prefix.Length).SequenceEqual(prefix);
        }

        private static string IdOf(byte[] buffer, int offset, int count, long lineNumber)
        {
            try
            {
                var reader = new Utf8JsonReader(buffer.AsSpan(offset, count));
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("id"))
                        {
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } id)
                            {
                                return id;
                            }

                            break;
                        }

                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: an id that is valid JSON but not text (an escaped lone surrogate).
            }

            throw new KeptSnapshotDoubtException($"line {lineNumber} has no readable record id");
        }

        private static byte[] LastLine(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var take = (int)Math.Min(stream.Length, TailBytes);
            stream.Seek(-take, SeekOrigin.End);
            var tail = new byte[take];
            var read = 0;
            while (read < take)
            {
                var n = stream.Read(tail, read, take - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var last = read > 0 && tail[read - 1] == (byte)'\n' ? read - 1 : read;
            var before = Array.LastIndexOf(tail, (byte)'\n', Math.Max(last - 1, 0));
            if (last == 0 || before < 0)
            {
                throw new KeptSnapshotDoubtException("its end line cannot be found");
            }

            var line = new byte[last - before - 1];
            Buffer.BlockCopy(tail, before + 1, line, 0, line.Length);
            return line;
        }
    }
}
