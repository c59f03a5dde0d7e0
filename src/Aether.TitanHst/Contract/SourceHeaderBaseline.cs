using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// The export headers as first seen, kept beside the contract as <c>&lt;name&gt;.headers.json</c>: the baseline
    /// against which later exports are checked for added, removed, renamed or reordered columns and a new encoding.
    /// Written by the module the first time an export is read (and again when an operator accepts a new shape);
    /// read back as untrusted input like any other file.
    /// </summary>
    public sealed class SourceHeaderBaseline
    {
        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

        public string ContractId { get; set; } = string.Empty;

        /// <summary>Source name → the header recorded for it.</summary>
        public Dictionary<string, SourceHeader> Sources { get; set; } = new(StringComparer.Ordinal);

        public static string PathFor(MappingContract contract)
        {
            var directory = System.IO.Path.GetDirectoryName(contract.Path) ?? ".";
            var name = System.IO.Path.GetFileNameWithoutExtension(contract.Path);
            return System.IO.Path.Combine(directory, name + ".headers.json");
        }

        /// <summary>Reads the baseline, or returns null when no export has been recorded yet.</summary>
        public static SourceHeaderBaseline? Read(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                var baseline = JsonSerializer.Deserialize<SourceHeaderBaseline>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
                baseline.Sources ??= new Dictionary<string, SourceHeader>(StringComparer.Ordinal);
                foreach (var header in baseline.Sources.Values)
                {
                    if (header?.Columns is null)
                    {
                        throw new JsonException("a source's header has no columns");
                    }
                }

                return baseline;
            }
            catch (JsonException ex)
            {
                throw new InputFileException(InputErrorIds.ContractLockInvalid, path, (int)(ex.LineNumber ?? 0) + 1, ex.Path ?? string.Empty,
                    "the recorded export headers are not valid; delete the file to record the current exports' headers again", ex);
            }
        }

        /// <summary>Writes the baseline through a temporary file and a rename.</summary>
        public void Write(string path)
        {
            Security.ReplacedFile.Write(path, ownerOnly: false, stream => JsonSerializer.Serialize(stream, this, Json));
        }
    }
}
