using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// run.json: the run's header with a MAC under the installation key ("run" purpose), written as
    /// <c>{ "keyId": "…", "mac": "…", "header": { … } }</c>. The MAC covers the exact text of "header", which names the
    /// run, its target, its options (override, deletes, role changes) and its plan copy's hash: none can be edited.
    /// </summary>
    internal static class RunHeaderFile
    {
        internal const string FileName = "run.json";
        private const string Purpose = "run";

        internal static readonly JsonSerializerOptions Json = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };

        internal static void Write(string folder, RunHeader header, InstallationKey key)
        {
            var headerJson = JsonSerializer.Serialize(header, Json);
            var text = Frame(key.KeyId, key.Mac(Purpose, headerJson), headerJson);
            var path = Path.Combine(folder, FileName);
            PrivateFiles.WriteAllText(path, text, new UTF8Encoding(false));
        }

        /// <summary>Reads and authenticates run.json; the reason it cannot be trusted is thrown as <see cref="ApplyErrorIds.RunDamaged"/>.</summary>
        internal static RunHeader Read(string folder, InstallationKey key)
        {
            var path = Path.Combine(folder, FileName);
            RegularFiles.Require(path, why => NotRegular(folder, FileName, why));
            if (!File.Exists(path))
            {
                throw Damaged(folder, "run.json is missing");
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("header", out var header) || header.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("mac", out var mac) || mac.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("keyId", out var keyId) || keyId.ValueKind != JsonValueKind.String)
                {
                    throw Damaged(folder, "run.json has no MAC (written by hand, or by an older version)");
                }

                if (!string.Equals(keyId.GetString(), key.KeyId, StringComparison.Ordinal))
                {
                    throw Damaged(folder, $"run.json was written under another installation key ({keyId.GetString()})");
                }

                var raw = header.GetRawText();
                if (!key.Verify(Purpose, raw, mac.GetString()))
                {
                    throw Damaged(folder, "run.json's MAC does not match its content: it was edited");
                }

                if (!string.Equals(Frame(keyId.GetString()!, mac.GetString()!, raw), Encoding.UTF8.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal))
                {
                    throw Damaged(folder, "run.json was changed around its header");
                }

                var result = JsonSerializer.Deserialize<RunHeader>(raw, Json) ?? throw Damaged(folder, "run.json's header is empty");
                if (!string.Equals(result.RunId, Path.GetFileName(folder), StringComparison.Ordinal))
                {
                    throw Damaged(folder, $"run.json belongs to run {result.RunId}, not to this folder");
                }

                return result;
            }
            catch (JsonException ex)
            {
                // Where, not what: the parser's message quotes the bytes it met.
                throw Damaged(folder, $"run.json is not valid JSON (it breaks on line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})");
            }
            catch (InvalidOperationException)
            {
                throw Damaged(folder, "run.json holds text that is not valid UTF-8");
            }
        }

        // The exact file the writer writes: the reader requires it byte for byte.
        private static string Frame(string keyId, string mac, string headerJson) => $"{{\"keyId\":\"{keyId}\",\"mac\":\"{mac}\",\"header\":{headerJson}}}\n";

        /// <summary>A name of the run's folder planted as a link (or another entry that is not a regular file): refused, never followed.</summary>
        internal static ApplyRefusedException NotRegular(string folder, string name, string why) =>
            Damaged(folder, $"its {name} is {why}, not a regular file: it was planted by someone who can write the run's folder, and nothing was read or written through it (what it points to is untouched)");

        internal static ApplyRefusedException Damaged(string folder, string why) =>
            new(ApplyErrorIds.RunDamaged, $"Run {Path.GetFileName(folder)} cannot be trusted: {why}. Nothing was applied. Keep the folder for investigation; diff again and apply a fresh plan.");
    }
}
