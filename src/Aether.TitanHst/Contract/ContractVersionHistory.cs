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

        /// <summary>The one-line reason the publisher gave (what changed and why); empty in histories written before reasons were kept.</summary>
        public string Reason { get; set; } = string.Empty;

        /// <summary>The contract's id (filled when the history is read, for pipeline output).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public string ContractId { get; set; } = string.Empty;

        /// <summary>The version published before this one, or empty for the first (filled when the history is read).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public string PreviousVersion { get; set; } = string.Empty;

        /// <summary>The first 12 hex digits of the hash, for tables.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public string ShortHash => Hash.StartsWith("sha256:", StringComparison.Ordinal) && Hash.Length >= 19 ? Hash.Substring(7, 12) : Hash;

        public override string ToString() => $"{Version} ({ShortHash}) {PublishedAt:u} {PublishedBy}";
    }

    /// <summary>
    /// The versions of a contract that were published, kept beside it as <c>&lt;name&gt;.versions.json</c>.
    /// The module writes it (Publish-MappingContract); nobody types a hash by hand. It lets Test-MappingContract
    /// see that content changed without a version bump.
    /// </summary>
    public sealed class ContractVersionHistory
    {
        private static readonly JsonSerializerOptions Json = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            // A null where a version holds text (its version, hash, publisher) is refused by its line: let through, it
            // reached Test-MappingContract and Get-MappingContractHistory as a null none of them expects.
            RespectNullableAnnotations = true,
        };

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
                var history = JsonSerializer.Deserialize<ContractVersionHistory>(File.ReadAllBytes(path), Json)
                    ?? throw new JsonException("empty");
                var nullAt = history.Versions.IndexOf(null!);
                if (nullAt >= 0)
                {
                    throw new SideFileException($"versions[{nullAt}]", "a version is null");
                }

                return history;
            }
            catch (JsonException ex)
            {
                throw new InputFileException(InputErrorIds.ContractLockInvalid, path, (int)(ex.LineNumber ?? 0) + 1, SideFileException.FieldOf(ex),
                    $"the version history is not valid{SideFileException.DetailOf(ex)}; restore it from source control", ex);
            }
        }

        /// <summary>The versions oldest first, each knowing its contract id and the version before it.</summary>
        public IReadOnlyList<PublishedContractVersion> Ordered()
        {
            var ordered = Versions.OrderBy(v => v.Version, SemanticVersionComparer.Instance).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].ContractId = ContractId;
                ordered[i].PreviousVersion = i == 0 ? string.Empty : ordered[i - 1].Version;
            }

            return ordered;
        }

        public PublishedContractVersion? Find(string version) => Versions.FirstOrDefault(v => v.Version == version);

        public PublishedContractVersion? Latest => Versions.OrderByDescending(v => v.Version, SemanticVersionComparer.Instance).FirstOrDefault();

        /// <summary>Writes the history through a temporary file and a rename, so a crash never leaves half a history.</summary>
        public void Write(string path)
        {
            Security.ReplacedFile.Write(path, ownerOnly: false, stream => JsonSerializer.Serialize(stream, this, Json));
        }
    }
}
