using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "extract": a contract and source files (the fixture with the case folder's files laid over it) are
    /// extracted and diffed against an in-memory TitanHST holding, active, every key in <c>target</c> (default: the
    /// case's <c>keys</c>). No server is involved, so nothing can be written.
    /// <c>expect.errorId</c>: raised as the extraction's exception or among its issues.
    /// <c>expect.outcome</c>: "Conflict" (every key in <c>keys</c> is a Conflict change), "Record" (every key in
    /// <c>keys</c> is built). <c>values</c> (<c>{ key: { field: value } }</c>): the built records' values, exactly. In every case no change is a Deactivate or Delete of a key in <c>keys</c>, and no change is
    /// keyed on a value with '@' (an email read from a shifted column).
    /// </summary>
    public sealed class ExtractHandler : IBadInputHandler
    {
        public string Kind => "extract";

        public void Run(BadInputCase badCase)
        {
            using var district = CaseDistrict.Create(badCase);
            var keys = CaseDistrict.Strings(badCase, "keys");
            var targetKeys = badCase.Definition.TryGetProperty("target", out _) ? CaseDistrict.Strings(badCase, "target") : keys;
            List<ExtractItem> items;
            MappingContract contract;
            try
            {
                contract = ContractLoader.Load(district.ContractPath);
                items = new StaffExtractor(contract).Extract().ToList();
            }
            catch (InputFileException ex)
            {
                Assert.True(badCase.ExpectedErrorId == ex.ErrorId, $"{badCase.Name}: expected {badCase.ExpectedErrorId ?? badCase.ExpectedOutcome}, got exception {ex.ErrorId}: {ex.Message}");
                Assert.True(ex.Line > 0 || ex.ErrorId == InputErrorIds.FileNotFound, $"{badCase.Name}: the error names no line: {ex.Message}");
                return;
            }

            var ids = items.Where(i => i.Issue is not null).Select(i => i.Issue!.ErrorId).Distinct().ToList();
            if (badCase.ExpectedErrorId is { } expected)
            {
                Assert.True(ids.Contains(expected), $"{badCase.Name}: expected {expected} among the issues, got {string.Join(", ", ids)}");
            }

            var target = targetKeys.Select((k, i) => SeedTarget.Record($"stf_{i:D6}", k, true, new Dictionary<string, string?>())).ToList();
            var diff = new DiffEngine(contract).Compute(items, target);
            var byKey = diff.Changes.GroupBy(c => c.GetExternalId(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            Assert.DoesNotContain(diff.Changes, c => c.GetExternalId().Contains('@', StringComparison.Ordinal));
            foreach (var key in keys)
            {
                var changes = byKey.TryGetValue(key, out var list) ? list : new List<StaffChange>();
                Assert.DoesNotContain(changes, c => c.GetAction() is ChangeAction.Deactivate or ChangeAction.Delete);
                switch (badCase.ExpectedOutcome)
                {
                    case null:
                        break;
                    case "Conflict":
                        Assert.True(changes.Count == 1 && changes[0].GetAction() == ChangeAction.Conflict,
                            $"{badCase.Name}: {key} should be one Conflict, got {string.Join(", ", changes.Select(c => c.GetAction()))}");
                        break;
                    case "Record":
                        Assert.True(items.Any(i => i.Record?.ExternalId == key), $"{badCase.Name}: {key} should be built");
                        break;
                    default:
                        Assert.Fail($"{badCase.Name}: unknown outcome '{badCase.ExpectedOutcome}' (Conflict, Record)");
                        break;
                }
            }

            // "values": { key: { field: value } }, the built record's values exactly.
            if (badCase.Definition.TryGetProperty("values", out var values))
            {
                foreach (var person in values.EnumerateObject())
                {
                    var record = items.Select(i => i.Record).SingleOrDefault(r => r?.ExternalId == person.Name);
                    Assert.True(record is not null, $"{badCase.Name}: {person.Name} should be built");
                    foreach (var field in person.Value.EnumerateObject())
                    {
                        Assert.True(string.Equals(field.Value.GetString(), record![field.Name], StringComparison.Ordinal),
                            $"{badCase.Name}: {person.Name}'s {field.Name} should be '{field.Value.GetString()}', got '{record[field.Name]}'");
                    }
                }
            }
        }
    }
}
