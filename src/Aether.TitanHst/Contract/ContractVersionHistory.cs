using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Contract
{
    /// <summary>One published contract version and the hash it had.</summary>
    public sealed class PublishedContractVersion
    {
        public string Version { get; set; } = string.Empty;

        public string Hash { get; set; } = string.Empty;

        public DateTimeOffset PublishedAt { get; set; }

        public string PublishedBy { get; set; } = string.Empty;
    }

    /// <summary>
    /// The versions of a contract that were published, kept beside it as <c>&lt;name&gt;.versions.json</c>.
    /// The module writes it (Publish-MappingContract); nobody types a hash by hand. It lets Test-MappingContract
    /// see that content changed without a version bump.
    /// </summary>
    public sealed class ContractVersionHistory
    {
        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

        public string ContractId { get; set; } = string.Empty;

        public List<PublishedContractVersion> Versions { get; set; } = new();

        public static string PathFor(MappingContract contract)
        {
            var directory = Path.GetDirectoryName(contract.Path) ?? ".";
            var name = Path.GetFileNameWithoutExtension(contract.Path);
            return Path.Combine(directory, name + ".versions.json");
        }

        /// <summary>Reads the history, or returns null when the contract was never published.</summary>
        public static ContractVersionHistory? Read(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                return JsonSerializer.Deserialize<ContractVersionHistory>(File.ReadAllBytes(path), Json)
                    ?? throw new JsonException("empty");
            }
            catch (JsonException ex)
            {
                throw new InputFileException(InputErrorIds.ContractLockInvalid, path, (int)(ex.LineNumber ?? 0) + 1, ex.Path ?? string.Empty,
                    "the version history is not valid JSON; restore it from source control", ex);
            }
        }

        public PublishedContractVersion? Find(string version) => Versions.FirstOrDefault(v => v.Version == version);

        public PublishedContractVersion? Latest => Versions.OrderByDescending(v => v.Version, SemanticVersionComparer.Instance).FirstOrDefault();

        public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}
