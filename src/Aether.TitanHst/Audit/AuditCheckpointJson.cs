using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// A checkpoint as one JSON line, <c>mac</c> last and covering every byte before <c>,"mac":</c>, the same way an
    /// entry's hash covers its line. A line that does not parse is reported, never trusted.
    /// </summary>
    internal static class AuditCheckpointJson
    {
        public const int FormatVersion = 1;
        internal static readonly byte[] MacMarker = Encoding.ASCII.GetBytes(",\"mac\":\"");

        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static byte[] ToLine(AuditCheckpoint checkpoint, AuditChainKey key)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, WriterOptions))
            {
                w.WriteStartObject();
                w.WriteNumber("v", FormatVersion);
                w.WriteNumber("n", checkpoint.Number);
                w.WriteString("time", AuditEntryJson.FormatTime(checkpoint.Time));
                w.WriteString("log", checkpoint.Log);
                w.WriteNumber("lastSeq", checkpoint.LastSequence);
                w.WriteString("lastHash", checkpoint.LastHash);
                w.WriteStartArray("files");
                foreach (var file in checkpoint.Files)
                {
                    w.WriteStringValue(file);
                }

                w.WriteEndArray();
                w.WriteString("keyId", checkpoint.KeyId);
                w.WriteString("prev", checkpoint.PreviousMac);
                w.WriteEndObject();
            }

            var body = buffer.ToArray();
            var covered = body.Length - 1;
            checkpoint.Mac = key.MacCheckpoint(body, covered);
            var tail = Encoding.ASCII.GetBytes(",\"mac\":\"" + checkpoint.Mac + "\"}\n");
            var line = new byte[covered + tail.Length];
            Buffer.BlockCopy(body, 0, line, 0, covered);
            Buffer.BlockCopy(tail, 0, line, covered, tail.Length);
            return line;
        }

        /// <summary>Parses a line and checks its signature when <paramref name="key"/> is given; null with a reason when it is not a checkpoint.</summary>
        public static AuditCheckpoint? Parse(byte[] line, int length, string source, AuditChainKey? key, out string? problem)
        {
            problem = null;
            if (!AuditHashing.TrySplit(line, length, MacMarker, out var covered, out var stated))
            {
                problem = $"{source}: not a checkpoint (it does not end with its signature)";
                return null;
            }

            try
            {
                using var doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(line, 0, length));
                var root = doc.RootElement;
                var files = new List<string>();
                foreach (var f in root.GetProperty("files").EnumerateArray())
                {
                    files.Add(f.GetString() ?? string.Empty);
                }

                var time = DateTimeOffset.Parse(root.GetProperty("time").GetString() ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                var prev = root.GetProperty("prev");
                var checkpoint = new AuditCheckpoint(root.GetProperty("n").GetInt64(), time, root.GetProperty("log").GetString() ?? string.Empty,
                    root.GetProperty("lastSeq").GetInt64(), root.GetProperty("lastHash").GetString() ?? string.Empty, files,
                    root.GetProperty("keyId").GetString() ?? string.Empty, prev.ValueKind == JsonValueKind.String ? prev.GetString() : null)
                {
                    Mac = stated,
                    Source = source,
                };
                if (root.GetProperty("v").GetInt32() != FormatVersion)
                {
                    problem = $"{source}: checkpoint format {root.GetProperty("v").GetInt32()} is not supported";
                    return null;
                }

                if (key is not null)
                {
                    checkpoint.SignatureValid = AuditHashing.SameHash(key.MacCheckpoint(line, covered), stated);
                }

                return checkpoint;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                problem = $"{source}: not a readable checkpoint ({e.GetType().Name})";
                return null;
            }
        }
    }
}
