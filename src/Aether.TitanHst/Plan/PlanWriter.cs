using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Plan
{
    /// <summary>Writes reviewed changes to a plan file whose hash covers every byte of its content.</summary>
    public static class PlanWriter
    {
        internal static readonly JsonSerializerOptions Json = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>Writes the plan and returns it as read back, so the caller holds exactly what is on disk.</summary>
        /// <exception cref="ArgumentException">The changes are empty or come from more than one diff.</exception>
        /// <remarks>The plan is authenticated with <c>key</c>, the default key folder's installation key when null.</remarks>
        public static SavedPlan Write(string path, IReadOnlyList<StaffChange> changes, string @operator, InstallationKey? key = null)
        {
            if (changes.Count == 0)
            {
                throw new ArgumentException("There are no changes to save.", nameof(changes));
            }

            var diffs = changes.Select(c => c.DiffId).Distinct().ToList();
            if (diffs.Count > 1)
            {
                throw new ArgumentException($"The changes come from {diffs.Count} different diffs ({string.Join(", ", diffs)}); a plan holds one diff's changes.", nameof(changes));
            }

            var identity = changes[0].Identity;
            var content = new PlanContentDocument
            {
                PlanId = Guid.NewGuid().ToString("N").Substring(0, 12),
                CreatedAt = DateTimeOffset.UtcNow,
                Operator = @operator,
                DiffId = identity.DiffId,
                ComputedAt = identity.ComputedAt,
                Contract = new PlanContractDocument { Id = identity.ContractId, Version = identity.ContractVersion, Hash = identity.ContractHash, Path = identity.ContractPath },
                SourceFiles = identity.SourceFiles.Select(s => new PlanSourceDocument { Source = s.Source, Path = s.Path, Hash = s.Hash }).ToList(),
                Target = identity.Target,
                TargetBaseUri = identity.TargetIdentity?.BaseUri,
                TargetInstanceId = identity.TargetIdentity?.InstanceId,
                ManagedActive = identity.ManagedActive,
                Changes = changes.Select(ToDocument).ToList(),
            };

            // The hash covers the plan's text exactly as it stands in the file (indented one level).
            var contentJson = JsonSerializer.Serialize(content, Json).Replace("\n", "\n  ");
            var hash = ContentHash.OfText(contentJson);
            var ownKey = key is null ? InstallationKey.LoadOrCreate() : null;
            string mac, keyId;
            try
            {
                var macKey = key ?? ownKey!;
                mac = macKey.Mac(PlanFormat.MacPurpose, contentJson);
                keyId = macKey.KeyId;
            }
            finally
            {
                ownKey?.Dispose();
            }

            var file = Frame(hash, keyId, mac, contentJson);

            // A plan saved into a folder that does not exist yet: create it (owner-only) rather than fail on the
            // temporary file.
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateFiles.EnsureFolder(folder);
            }

            // Written beside under a name nobody can guess and renamed, so a crash never leaves half a plan under the
            // real name.
            PrivateFiles.WriteAllText(path, file, new UTF8Encoding(false));
            return PlanReader.Read(path, key);
        }

        /// <summary>The whole file around the plan's content: the reader rebuilds it and requires the file to be exactly this.</summary>
        internal static string Frame(string hash, string keyId, string mac, string contentJson) => new StringBuilder()
            .Append("{\n  \"hash\": \"").Append(hash)
            .Append("\",\n  \"keyId\": \"").Append(keyId)
            .Append("\",\n  \"mac\": \"").Append(mac)
            .Append("\",\n  \"plan\": ")
            .Append(contentJson)
            .Append("\n}\n")
            .ToString();

        private static PlanChangeDocument ToDocument(StaffChange change) => new()
        {
            Action = change.GetAction().ToString(),
            ExternalId = change.GetExternalId(),
            TargetId = change.TargetId,
            ETag = change.ETag,
            DisplayName = change.DisplayName,
            Site = change.Site,
            Role = change.Role,
            Risk = change.GetRisk().ToString(),
            Blocked = change.Blocked,
            HeldBack = change.HeldBack,
            BlockReason = change.BlockReason,
            FieldChanges = change.GetFieldChanges().Select(f => new PlanFieldChangeDocument { Field = f.Field, Old = f.Old, New = f.New, Description = f.Description }).ToList(),
            Desired = change.GetDesiredFields().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Explanation = change.Explanation,
            Sources = change.SourceRows.Select(s => new PlanSourceRowDocument { Source = s.Source, File = s.File, Line = s.Line }).ToList(),
        };
    }
}
