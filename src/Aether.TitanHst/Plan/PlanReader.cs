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

namespace Aether.TitanHst.Plan
{
    /// <summary>Reads a plan file back, refusing one whose content no longer matches its own hash.</summary>
    public static class PlanReader
    {
        public static SavedPlan Read(string path)
        {
            if (!File.Exists(path))
            {
                throw new InputFileException(InputErrorIds.FileNotFound, path, 0, string.Empty, "plan file not found");
            }

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

                var identity = new DiffIdentity(content.DiffId, content.ComputedAt, content.Contract.Id, content.Contract.Version, content.Contract.Hash,
                    content.SourceFiles.Select(s => new SourceFileHash(s.Source, s.Path, s.Hash)).ToList(), content.Target);
                var changes = content.Changes.Select((c, i) => ToChange(c, identity, path, i)).ToList();
                return new SavedPlan(path, actual, content.PlanId, content.CreatedAt, content.Operator, identity, changes);
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
