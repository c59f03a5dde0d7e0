using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "drifted-export": a well-formed export whose meaning is wrong (one school only, a column sorted on its own,
    /// an old export restored). TitanHST holds every person as yesterday's exports want them (the fixture with
    /// <c>yesterdayEdits</c>; the keys in <c>inactive</c> held inactive); today's exports are the fixture with
    /// <c>exportEdits</c> (<c>[{ "file", "find", "replace" }]</c>, text in the file's own encoding, <c>"latin1"</c> for a
    /// Windows-1252 export). The diff must carry at least one change with the risk <c>expect.risk</c> (or, without it, naming
    /// one of <c>keys</c>), and every such
    /// change must be Blocked (<c>expect.outcome</c>) by a threshold whose reason holds <c>expect.messageContains</c>. No server is involved.
    /// </summary>
    public sealed class DriftedExportHandler : IBadInputHandler
    {
        public string Kind => "drifted-export";

        public void Run(BadInputCase badCase)
        {
            var inactive = CaseDistrict.Strings(badCase, "inactive").ToHashSet(StringComparer.Ordinal);
            List<TargetStaffRecord> titanHst;
            using (var yesterday = CaseDistrict.Create(badCase))
            {
                Edit(badCase, yesterday, "yesterdayEdits");
                var contract = ContractLoader.Load(yesterday.ContractPath);
                titanHst = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), Array.Empty<TargetStaffRecord>()).Changes
                    .Where(c => c.GetAction() == ChangeAction.Create)
                    .Select((c, i) => SeedTarget.Record($"stf_{i:D6}", c.GetExternalId(), !inactive.Contains(c.GetExternalId()), c.GetDesiredFields()))
                    .ToList();
            }

            Assert.True(inactive.All(k => titanHst.Any(r => r.ExternalId == k)), $"{badCase.Name}: an 'inactive' key is not a person yesterday's exports build");
            using var today = CaseDistrict.Create(badCase);
            Edit(badCase, today, "exportEdits");
            var todays = ContractLoader.Load(today.ContractPath);
            var result = new DiffEngine(todays).Compute(new StaffExtractor(todays).Extract(), titanHst);

            Assert.True(badCase.ExpectedOutcome == "Blocked", $"{badCase.Name}: a drifted export's expected outcome is Blocked");
            var says = badCase.Expect.GetProperty("messageContains").GetString()!;
            var keys = CaseDistrict.Strings(badCase, "keys");
            var risk = badCase.Expect.TryGetProperty("risk", out var named) ? (RiskFlags)Enum.Parse(typeof(RiskFlags), named.GetString()!) : RiskFlags.None;
            var risky = result.Changes.Where(c => risk != RiskFlags.None ? (c.GetRisk() & risk) != 0 : keys.Contains(c.GetExternalId())).ToList();
            string Lines() => string.Join(", ", result.Changes.Select(c => $"{c.GetAction()}|{c.GetExternalId()}|{c.GetRisk()}|{c.Blocked}"));
            Assert.True(risky.Count > 0, $"{badCase.Name}: no change carries {risk} or names {string.Join(", ", keys)}: {Lines()}");
            Assert.True(risky.All(c => c.Blocked && c.BlockReason!.Contains(says, StringComparison.Ordinal)),
                $"{badCase.Name}: every such change should be blocked for '{says}': {Lines()}");
            Assert.True(result.Summary.Blocked, $"{badCase.Name}: the diff is not blocked");
        }

        private static void Edit(BadInputCase badCase, TempDistrict district, string member)
        {
            if (!badCase.Definition.TryGetProperty(member, out var edits))
            {
                return;
            }

            foreach (var edit in edits.EnumerateArray())
            {
                var path = district.PathOf(edit.GetProperty("file").GetString()!);
                var latin1 = edit.TryGetProperty("encoding", out var e) && e.GetString() == "latin1";
                var bytes = File.ReadAllBytes(path);
                var bom = !latin1 && bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF });
                var encoding = latin1 ? Encoding.Latin1 : new UTF8Encoding(bom);
                var text = encoding.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
                var find = edit.GetProperty("find").GetString()!;
                Assert.True(text.Contains(find, StringComparison.Ordinal), $"{badCase.Name}: {member}: '{find}' is not in {edit.GetProperty("file").GetString()}");
                File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(text.Replace(find, edit.GetProperty("replace").GetString()!, StringComparison.Ordinal))]);
            }
        }
    }
}
