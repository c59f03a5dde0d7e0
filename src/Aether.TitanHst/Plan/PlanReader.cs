using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Plan
{
    /// <summary>
    /// Reads a plan file back, refusing one whose content no longer matches its hash, or whose MAC was not made with
    /// this installation's key: anyone can recompute a hash, only the key's holder can make the MAC.
    /// </summary>
    public static class PlanReader
    {
        /// <summary>Reads and verifies a plan with <c>key</c> (the default key folder's installation key when null).</summary>
        public static SavedPlan Read(string path, InstallationKey? key = null)
        {
            try
            {
                return ReadChecked(path, key);
            }
            catch (InvalidOperationException ex)
            {
                // System.Text.Json checks a string's UTF-8 only when it is read: a damaged byte surfaces here.
                throw new InputFileException(InputErrorIds.PlanInvalid, path, 0, string.Empty, "the plan holds text that is not valid UTF-8", ex);
            }
        }

        private static SavedPlan ReadChecked(string path, InstallationKey? key)
        {
            InputFiles.RequireFile(path, "plan file not found", InputPathOrigin.CommandLine);

            var bytes = File.ReadAllBytes(path);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                throw new InputFileException(InputErrorIds.PlanInvalid, path, (int)(ex.LineNumber ?? 0) + 1, ex.Path ?? string.Empty, "the plan is not valid JSON", ex);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("hash", out var hashElement) || hashElement.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("plan", out var planElement) || planElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InputFileException(InputErrorIds.PlanInvalid, path, 1, string.Empty, "not a TitanHST plan: a \"hash\" and a \"plan\" are expected");
                }

                var raw = planElement.GetRawText();
                var expected = hashElement.GetString();
                var actual = ContentHash.OfText(raw);
                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    throw new InputFileException(InputErrorIds.PlanTampered, path, 0, "plan",
                        "the plan's content no longer matches its hash: it was changed after it was exported. Nothing in it can be trusted; export a new plan from a fresh, reviewed diff");
                }

                Authenticate(path, root, raw, key);

                // The MAC covers the plan's content; the few bytes around it must be exactly what the writer writes,
                // so no byte of the file can change unnoticed (nor a second "plan" member be slipped in).
                var frame = PlanWriter.Frame(expected!, root.GetProperty("keyId").GetString()!, root.GetProperty("mac").GetString()!, raw);
                if (!string.Equals(frame, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal))
                {
                    throw new InputFileException(InputErrorIds.PlanTampered, path, 0, string.Empty,
                        "the plan file was changed around its content (only Export-TitanHstPlan writes plan files). Nothing in it can be trusted; export a new plan from a fresh, reviewed diff");
                }

                PlanContentDocument content;
                try
                {
                    content = JsonSerializer.Deserialize<PlanContentDocument>(raw, PlanWriter.Json) ?? throw new JsonException("empty plan");
                }
                catch (JsonException ex)
                {
                    throw new InputFileException(InputErrorIds.PlanInvalid, path, 0, "plan" + (ex.Path ?? string.Empty).TrimStart('$'), "the plan's content has the wrong shape", ex);
                }

                if (content.Kind != PlanFormat.Kind || content.Format != PlanFormat.Current)
                {
                    throw new InputFileException(InputErrorIds.PlanInvalid, path, 0, "plan.format", $"plan kind '{content.Kind}' format {content.Format} is not one this module reads ({PlanFormat.Kind} {PlanFormat.Current})");
                }

                PlanContentCheck.Check(content, path);

                var target = content.TargetBaseUri is null ? null : new TargetIdentity(content.TargetBaseUri, content.TargetInstanceId);
                var identity = new DiffIdentity(content.DiffId, content.ComputedAt, content.Contract.Id, content.Contract.Version, content.Contract.Hash,
                    content.SourceFiles.Select(s => new SourceFileHash(s.Source, s.Path, s.Hash)).ToList(), content.Target, target, content.Contract.Path, content.ManagedActive);
                var changes = content.Changes.Select((c, i) => ToChange(c, identity, path, i)).ToList();
                return new SavedPlan(path, actual, content.PlanId, content.CreatedAt, content.Operator, identity, changes);
            }
        }

        // The MAC proves the plan was written by a holder of this installation's key (docs/security.md).
        private static void Authenticate(string path, JsonElement root, string raw, InstallationKey? key)
        {
            var keyId = root.TryGetProperty("keyId", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            var mac = root.TryGetProperty("mac", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (mac is null || keyId is null)
            {
                throw new InputFileException(InputErrorIds.PlanNotAuthentic, path, 0, "mac",
                    "the plan carries no MAC, so nothing proves this installation wrote it (a plan from an older version, or one written by hand). Export it again from a fresh, reviewed diff");
            }

            var ownKey = key is null ? InstallationKey.LoadOrCreate() : null;
            try
            {
                var verifier = key ?? ownKey!;
                if (!string.Equals(keyId, verifier.KeyId, StringComparison.Ordinal))
                {
                    throw new InputFileException(InputErrorIds.PlanNotAuthentic, path, 0, "keyId",
                        $"the plan was made under another installation key ({keyId}; this installation's is {verifier.KeyId}). Plans are applied only where they were exported; diff and export again here");
                }

                if (!verifier.Verify(PlanFormat.MacPurpose, raw, mac))
                {
                    throw new InputFileException(InputErrorIds.PlanNotAuthentic, path, 0, "mac",
                        "the plan's MAC does not match its content: it was edited (and re-hashed) after it was exported. Nothing in it can be trusted; export a new plan from a fresh, reviewed diff");
                }
            }
            finally
            {
                ownKey?.Dispose();
            }
        }

        private static StaffChange ToChange(PlanChangeDocument c, DiffIdentity identity, string path, int index)
        {
            if (!Enum.TryParse<ChangeAction>(c.Action, out var action) || !Enum.TryParse<RiskFlags>(c.Risk, out var risk))
            {
                throw new InputFileException(InputErrorIds.PlanInvalid, path, 0, $"plan.changes[{index}]", $"unknown action '{c.Action}' or risk '{c.Risk}'");
            }

            var change = new StaffChange(action, c.ExternalId, c.TargetId, c.ETag, c.DisplayName, c.Site, c.Role,
                c.FieldChanges.Select(f => new FieldChange(f.Field, f.Old, f.New, f.Description)).ToList(),
                new Dictionary<string, string?>(c.Desired, StringComparer.Ordinal), risk, c.Explanation,
                c.Sources.Select(s => new SourceRowReference(s.Source, s.File, s.Line)).ToList(), identity)
            {
                Blocked = c.Blocked,
                HeldBack = c.HeldBack,
                BlockReason = c.BlockReason,
            };
            return change;
        }
    }
}
