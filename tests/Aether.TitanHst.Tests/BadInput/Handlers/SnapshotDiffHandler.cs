using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "snapshot-diff": the district's exports diffed against a snapshot file of a TitanHST that holds every
    /// built person exactly as the exports want them, edited as "replace" ([[from, to], ...]) says, then as
    /// "replaceBytes" ([[from, to as hex]], for bytes that are not UTF-8 and so cannot be written as text); the diff reads the
    /// file as <c>Get-TitanHstDiff -TargetSnapshot</c> does (straight into its compact table). Every key in <c>keys</c>
    /// must still be matched to its own record: one change, no Create, Deactivate or Delete. <c>expect.outcome</c> is
    /// that change's action (with <c>every</c>: of every change naming the key, when TitanHST holds it more than once);
    /// <c>expect.errorId</c> instead when the read must refuse the file (and <c>expect.field</c>
    /// the member its error must name, when given). The same records handed
    /// to the diff one by one (the record path) must give the same changes, so the compact path can never read a file
    /// differently from the records it stands for. No server is involved, so nothing can be written.
    /// </summary>
    public sealed class SnapshotDiffHandler : IBadInputHandler
    {
        public string Kind => "snapshot-diff";

        public void Run(BadInputCase badCase)
        {
            using var district = CaseDistrict.Create(badCase);
            var contract = ContractLoader.Load(district.ContractPath);
            var items = new StaffExtractor(contract).Extract().ToList();
            var keys = CaseDistrict.Strings(badCase, "keys");

            // TitanHST as the exports want it: every person the diff would create, already there and active.
            var creates = new DiffEngine(contract).Compute(items, Array.Empty<TargetStaffRecord>()).Changes
                .Where(c => c.GetAction() == ChangeAction.Create).ToList();
            var ids = creates.Select((c, i) => (Key: c.GetExternalId(), Id: $"stf_{i:D6}")).ToDictionary(p => p.Key, p => p.Id, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                Assert.True(ids.ContainsKey(key), $"{badCase.Name}: {key} is not a person the district builds");
            }

            var path = district.PathOf("snapshot.jsonl");
            var header = new TargetSnapshotHeader(DateTimeOffset.UtcNow, "http://127.0.0.1:1/", TargetSnapshotScope.All, "1.0", "1.0");
            using (var writer = new TargetSnapshotWriter(path, header))
            {
                foreach (var create in creates)
                {
                    writer.Write(SeedTarget.Record(ids[create.GetExternalId()], create.GetExternalId(), true, create.GetDesiredFields()));
                }

                writer.Complete();
            }

            var text = File.ReadAllText(path);
            var edited = text;
            if (badCase.Definition.TryGetProperty("replace", out var replace))
            {
                foreach (var pair in replace.EnumerateArray())
                {
                    var next = edited.Replace(pair[0].GetString()!, pair[1].GetString()!, StringComparison.Ordinal);
                    Assert.True(next != edited, $"{badCase.Name}: '{pair[0].GetString()}' is not in the snapshot");
                    edited = next;
                }
            }

            var bytes = new UTF8Encoding(false).GetBytes(edited);
            if (badCase.Definition.TryGetProperty("replaceBytes", out var replaceBytes))
            {
                foreach (var pair in replaceBytes.EnumerateArray())
                {
                    var from = Encoding.UTF8.GetBytes(pair[0].GetString()!);
                    var at = bytes.AsSpan().IndexOf(from);
                    Assert.True(at >= 0, $"{badCase.Name}: '{pair[0].GetString()}' is not in the snapshot");
                    bytes = bytes.Take(at).Concat(Convert.FromHexString(pair[1].GetString()!)).Concat(bytes.Skip(at + from.Length)).ToArray();
                }
            }

            File.WriteAllBytes(path, bytes);

            List<StaffChange> changes;
            try
            {
                using var reader = TargetSnapshotReader.Open(path);
                changes = Compute(contract, items, reader.ReadRecords());
            }
            catch (InputFileException ex)
            {
                Assert.True(badCase.ExpectedErrorId == ex.ErrorId, $"{badCase.Name}: expected {badCase.ExpectedOutcome ?? badCase.ExpectedErrorId}, got {ex.ErrorId}: {ex.Message}");
                Assert.True(ex.Line > 1 && ex.Field.Length > 0, $"{badCase.Name}: the error names no line or field: {ex.Message}");
                if (badCase.Expect.TryGetProperty("field", out var field))
                {
                    Assert.True(field.GetString() == ex.Field, $"{badCase.Name}: the error names {ex.Field}, not {field.GetString()}");
                }

                if (badCase.Expect.TryGetProperty("messageContains", out var says))
                {
                    Assert.True(ex.Message.Contains(says.GetString()!, StringComparison.Ordinal), $"{badCase.Name}: the error does not say '{says.GetString()}': {ex.Message}");
                }
                return;
            }

            Assert.True(badCase.ExpectedErrorId is null, $"{badCase.Name}: expected {badCase.ExpectedErrorId}, the snapshot was read");
            using (var again = TargetSnapshotReader.Open(path))
            {
                var oneByOne = again.ReadRecords().ToList();
                Assert.Equal(changes.Select(Line), Compute(contract, items, oneByOne).Select(Line));
            }

            // "every": TitanHST holds the key more than once, so the diff may name it more than once (the person's
            // change and each record no one took); every change naming it must then be the expected action.
            var every = badCase.Definition.TryGetProperty("every", out var everyMember) && everyMember.GetBoolean();
            foreach (var key in keys)
            {
                var mine = changes.Where(c => c.GetExternalId() == key || c.TargetId == ids[key]).ToList();
                if (every)
                {
                    Assert.True(mine.Count >= 1, $"{badCase.Name}: nothing names {key}");
                    Assert.True(mine.All(c => c.GetAction().ToString() == badCase.ExpectedOutcome),
                        $"{badCase.Name}: every change naming {key} should be {badCase.ExpectedOutcome}, got {string.Join(", ", mine.Select(Line))}");
                    continue;
                }

                Assert.True(mine.Count == 1, $"{badCase.Name}: {key} should be matched to {ids[key]} once, got {string.Join(", ", mine.Select(Line))}");
                Assert.True(mine[0].TargetId == ids[key], $"{badCase.Name}: {key} was matched to {mine[0].TargetId ?? "nothing"}");
                Assert.True(mine[0].GetAction().ToString() == badCase.ExpectedOutcome,
                    $"{badCase.Name}: {key} should be {badCase.ExpectedOutcome}, got {Line(mine[0])}");
            }
        }

        private static List<StaffChange> Compute(MappingContract contract, IEnumerable<ExtractItem> items, IEnumerable<TargetStaffRecord> target) =>
            new DiffEngine(contract).Compute(items, target, new DiffOptions { IncludeNoChange = true }).Changes.ToList();

        private static string Line(StaffChange change) =>
            $"{change.GetAction()}|{change.GetExternalId()}|{change.TargetId}|" +
            string.Join(";", change.GetFieldChanges().Select(f => $"{f.Field}:{f.Old}>{f.New}"));
    }
}
