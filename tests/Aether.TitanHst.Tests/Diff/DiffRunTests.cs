using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Target;
using Xunit;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>A diff handed its items one at a time (the contract preview's way) gives what the pulled diff gives.</summary>
    public sealed class DiffRunTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        [Fact]
        public void Items_handed_in_one_at_a_time_give_the_changes_the_pulled_diff_gives()
        {
            var (contract, target) = District();
            var items = new StaffExtractor(contract).Extract().ToList();
            var options = new DiffOptions { DeferNoChange = true, ReadTargetAlongside = false };

            var pulled = new DiffEngine(contract).Compute(items, target, options);
            var run = new DiffEngine(contract).Start(TargetTable.From(target), new DiffOptions { DeferNoChange = true, ReadTargetAlongside = false, ExpectedPeople = items.Count });
            foreach (var item in items)
            {
                run.Consider(item);
            }

            var pushed = run.Finish();

            Assert.Equal(Lines(pulled), Lines(pushed));
            Assert.Equal(pulled.Unchanged.Select(u => (u.Record.ExternalId, u.Position)), pushed.Unchanged.Select(u => (u.Record.ExternalId, u.Position)));
            Assert.InRange(pushed.Unchanged.Count, 1, items.Count);
            Assert.Equal(Summary(pulled), Summary(pushed));
            Assert.Throws<InvalidOperationException>(() => run.Finish());
        }

        [Fact]
        public void The_last_unchanged_person_deferred_can_be_let_go_of_and_only_a_deferred_one()
        {
            var (contract, target) = District();
            var items = new StaffExtractor(contract).Extract().ToList();
            var run = new DiffEngine(contract).Start(TargetTable.From(target), new DiffOptions { DeferNoChange = true, ReadTargetAlongside = false });
            Assert.Throws<InvalidOperationException>(() => run.ForgetLastDeferred());

            var forgotten = 0;
            foreach (var item in items)
            {
                var before = run.DeferredUnchanged;
                run.Consider(item);
                if (run.DeferredUnchanged == before + 1 && forgotten < 5)
                {
                    run.ForgetLastDeferred();
                    forgotten++;
                }
            }

            var result = run.Finish();
            var all = new DiffEngine(contract).Compute(items, target, new DiffOptions { DeferNoChange = true, ReadTargetAlongside = false });
            Assert.Equal(5, forgotten);
            Assert.Equal(all.Unchanged.Count - 5, result.Unchanged.Count);
            Assert.Equal(Lines(all), Lines(result));

            // A diff that does not defer has nothing to let go of.
            var built = new DiffEngine(contract).Start(TargetTable.From(target), new DiffOptions { ReadTargetAlongside = false });
            Assert.Equal(0, built.DeferredUnchanged);
            Assert.Throws<InvalidOperationException>(() => built.ForgetLastDeferred());
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        private (MappingContract Contract, System.Collections.Generic.List<TargetStaffRecord> Target) District()
        {
            var info = SampleDistrictGenerator.Generate(_root, new SampleDistrictOptions { StaffCount = 400, Seed = 2 });
            return (ContractLoader.Load(info.ContractPath!), SeedTarget.Load(Path.Combine(_root, "titanhst-seed.json")));
        }

        // The summary's counts, verdicts and reasons; each engine's diff has its own id.
        private static string Summary(DiffResult result)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(result.Summary))!.AsObject();
            Assert.True(node.Remove("DiffId"));
            return node.ToJsonString();
        }

        private static string[] Lines(DiffResult result) =>
            result.Changes.Select(c => $"{c.GetAction()}|{c.ExternalId}|{c.GetRisk()}|{c.Blocked}|{c.BlockReason}|{c.TargetId}|"
                + string.Join(";", c.GetFieldChanges().Select(f => $"{f.Field}:{f.Old}>{f.New}"))).ToArray();
    }
}
