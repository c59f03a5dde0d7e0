using System;
using System.IO;
using System.Text.Json;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The MAC that lets a kept target snapshot be trusted when it is read back: "&lt;snapshot&gt;.seal" holds the
    /// HMAC (installation key, purpose <see cref="Purpose"/>) of every byte of the snapshot, its length and the key's
    /// id. The key lives apart from the snapshot folder (decision 0015), so whoever can write the folder cannot make a
    /// snapshot the next refresh would build on. The snapshot's header names its target and schema, so the MAC binds
    /// them too.
    /// </summary>
    internal sealed class SnapshotSeal
    {
        internal const string Purpose = "target-snapshot/v1";
        internal const string Kind = "titanhst-target-snapshot-seal";

        private SnapshotSeal(string keyId, string mac, long length)
        {
            KeyId = keyId;
            Mac = mac;
            Length = length;
        }

        internal string KeyId { get; }

        internal string Mac { get; }

        internal long Length { get; }

        internal static string PathOf(string snapshotPath) => snapshotPath + ".seal";

        internal static void Write(string snapshotPath, string keyId, string mac, long length)
        {
            ReplacedFile.Write(PathOf(snapshotPath), ownerOnly: true, stream =>
            {
                using var w = new Utf8JsonWriter(stream);
                w.WriteStartObject();
                w.WriteString("kind", Kind);
                w.WriteString("keyId", keyId);
                w.WriteString("mac", mac);
                w.WriteNumber("length", length);
                w.WriteEndObject();
            });
        }

        /// <summary>The seal beside <paramref name="snapshotPath"/>; null with <paramref name="problem"/> when there is none or it is malformed.</summary>
        internal static SnapshotSeal? TryRead(string snapshotPath, out string problem)
        {
            var path = PathOf(snapshotPath);
            problem = string.Empty;
            if (!File.Exists(path))
            {
                problem = "it has no seal file";
                return null;
            }

            try
            {
                var info = new FileInfo(path);
                if (info.Length > 4096)
                {
                    problem = "its seal file is too large to be a seal";
                    return null;
                }

                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = document.RootElement;
                string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var kind = Text("kind");
                var keyId = Text("keyId");
                var mac = Text("mac");
                long length = -1;
                var lengthOk = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("length", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt64(out length) && length >= 0;
                if (kind != Kind || keyId is null || mac is null || mac.Length != 64 || !lengthOk)
                {
                    problem = "its seal file is malformed";
                    return null;
                }

                return new SnapshotSeal(keyId, mac, length);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // InvalidOperationException: a name or value that is valid JSON but not text (an escaped lone surrogate).
                problem = "its seal file cannot be read (" + e.GetType().Name + ")";
                return null;
            }
        }
    }
}
