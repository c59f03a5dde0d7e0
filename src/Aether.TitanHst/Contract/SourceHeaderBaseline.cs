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
        private static readonly JsonSerializerOptions Json = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            // A null where the baseline holds text (a column, the encoding) is refused by its line: let through, it
            // reached the drift check's comparisons as a null none of them expects.
            RespectNullableAnnotations = true,
        };

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
                foreach (var pair in baseline.Sources)
                {
                    if (pair.Value is null)
                    {
                        throw new SideFileException($"sources.{pair.Key}", "a source's recorded header is null");
                    }

                    var nullAt = pair.Value.Columns.IndexOf(null!);
                    if (nullAt >= 0)
                    {
                        throw new SideFileException($"sources.{pair.Key}.columns[{nullAt}]", "a recorded column name is null");
                    }
                }

                return baseline;
            }
            catch (JsonException ex)
            {
                throw new InputFileException(InputErrorIds.ContractLockInvalid, path, (int)(ex.LineNumber ?? 0) + 1, SideFileException.FieldOf(ex),
                    $"the recorded export headers are not valid{SideFileException.DetailOf(ex)}; delete the file to record the current exports' headers again", ex);
            }
        }

        /// <summary>Writes the baseline through a temporary file and a rename.</summary>
        public void Write(string path)
        {
            Security.ReplacedFile.Write(path, ownerOnly: false, stream => JsonSerializer.Serialize(stream, this, Json));
        }
    }
}
