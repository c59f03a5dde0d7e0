using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Normalization;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;
using CsCheck;

namespace Aether.TitanHst.Tests.Hardening
{
    /// <summary>Property-based tests (CsCheck): rules that must be idempotent are, and a diff, once applied, is done.</summary>
    public class PropertyTests
    {
        // Text with what exports really hold: letters, accents, digits, punctuation, white space of every kind,
        // leading zeros, and the characters the unsafe-character rule removes.
        private static readonly Gen<string> ExportText = Gen.OneOf(
            Gen.String[Gen.Char["aAzZéÉñÑ0123456789 -'.,@+()\t\u00A0\u2003\u200B\u202E\u0000\r\n"], 0, 30],
            Gen.String);

        public static IEnumerable<object[]> IdempotentRules() => new (string Name, INormalizationRule Rule)[]
        {
            ("trim", new TrimRule()),
            ("collapseWhitespace", new CollapseWhitespaceRule()),
            ("nfc", new NfcRule()),
            ("upper", new CaseRule(upper: true)),
            ("lower", new CaseRule(upper: false)),
            ("stripLeadingZeros", new StripLeadingZerosRule()),
            ("nameCase", new NameCaseRule()),
            ("email", new EmailRule(null)),
            ("phone e164", new PhoneRule(PhoneFormat.E164)),
            ("phone national", new PhoneRule(PhoneFormat.National)),
            ("maxLength truncate", new MaxLengthRule(10, truncate: true)),
            ("default", new DefaultRule("X")),
        }.Select(r => new object[] { r.Name, r.Rule });

        [Theory]
        [MemberData(nameof(IdempotentRules))]
        public void A_rule_applied_to_its_own_output_changes_nothing(string name, INormalizationRule rule)
        {
            ExportText.Sample(value =>
            {
                var once = rule.Apply(value);
                if (once.Kind != RuleOutcomeKind.Value)
                {
                    return;
                }

                var twice = rule.Apply(once.Value);
                Assert.True(twice.Kind == RuleOutcomeKind.Value && twice.Value == once.Value,
                    $"{name}: '{Escape(value)}' -> '{Escape(once.Value)}' -> {twice.Kind} '{Escape(twice.Value)}'");
            }, iter: 2000);
        }

        [Theory]
        [InlineData("0 123", "0 123")]
        [InlineData("000123", "123")]
        [InlineData("0000", "0")]
        public void Trim_then_strip_leading_zeros_never_exposes_a_space(string raw, string expected)
        {
            // The property test's counterexample: "0 X" used to give " X", which a second pass trimmed to "X".
            var pipeline = new RulePipeline(new INormalizationRule[] { new TrimRule(), new StripLeadingZerosRule(), new CaseRule(upper: true) });
            Assert.Equal(expected, pipeline.Apply(raw).Value);
            Assert.Equal(expected, pipeline.Apply(pipeline.Apply(raw).Value).Value);
        }

        [Fact]
        public void Stripping_unsafe_characters_is_idempotent_and_leaves_none()
        {
            ExportText.Sample(value =>
            {
                var once = UnsafeCharacters.Strip(value);
                Assert.False(UnsafeCharacters.Any(once));
                Assert.Equal(once, UnsafeCharacters.Strip(once));
            }, iter: 2000);
        }

        [Fact]
        public void The_sample_contracts_join_key_and_field_pipelines_are_idempotent()
        {
            var root = NewRoot();
            try
            {
                var info = SampleDistrictGenerator.Generate(root, new SampleDistrictOptions { StaffCount = 5, Seed = 1, WriteExports = false, WriteTargetSeed = false });
                var contract = ContractLoader.Load(info.ContractPath!);
                var pipelines = new[] { ("join", contract.Join.KeyRules) }
                    .Concat(contract.Fields.Where(f => f.Rules.ToString()!.Split(',').All(r => !r.Contains("date", StringComparison.Ordinal) && !r.Contains("map", StringComparison.Ordinal) && !r.Contains("lookup", StringComparison.Ordinal) && !r.Contains("default", StringComparison.Ordinal)))
                    .Select(f => (f.Name, f.Rules))).ToList();
                Assert.True(pipelines.Count > 2);
                ExportText.Sample(value =>
                {
                    foreach (var (name, rules) in pipelines)
                    {
                        var once = rules.Apply(value);
                        if (once.Kind == RuleOutcomeKind.Value)
                        {
                            var twice = rules.Apply(once.Value);
                            Assert.True(twice.Kind == RuleOutcomeKind.Value && twice.Value == once.Value, $"{name}: '{Escape(value)}' -> '{Escape(once.Value)}' -> '{Escape(twice.Value)}'");
                        }
                    }
                }, iter: 1000);
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        /// <summary>
        /// For a random small district (sources and a drifted TitanHST from the generator) and a random mutation of
        /// that TitanHST (records removed, deactivated, fields blanked or changed), applying every applicable change
        /// to an in-memory TitanHST and diffing again leaves nothing to apply.
        /// </summary>
        [Fact]
        public void Applying_a_diff_to_an_in_memory_target_and_diffing_again_leaves_no_applicable_change()
        {
            var mutation = Gen.Int[0, 5].Array[0, 60];
            Gen.Select(Gen.Int[1, 100_000], Gen.Int[15, 60], mutation).Sample((seed, staff, mutations) =>
            {
                var root = NewRoot();
                try
                {
                    var info = SampleDistrictGenerator.Generate(root, new SampleDistrictOptions { StaffCount = staff, Seed = seed });
                    var contract = ContractLoader.Load(info.ContractPath!);
                    var target = Mutate(SeedTarget.Load(Path.Combine(root, "titanhst-seed.json")), mutations);
                    var first = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), target);
                    Assert.Contains(first.Changes, c => c.GetAction() is ChangeAction.Create or ChangeAction.Update or ChangeAction.Deactivate); // the property is not vacuous
                    var applied = Apply(target, first.Changes);
                    var second = new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), applied);
                    var left = second.Changes.Where(c => c.GetAction() is not (ChangeAction.Conflict or ChangeAction.NoChange)).ToList();
                    Assert.True(left.Count == 0, $"seed {seed}, {staff} staff: still to apply after applying: {string.Join("; ", left.Take(5))}");
                }
                finally
                {
                    Directory.Delete(root, recursive: true);
                }
            }, iter: 12, threads: 1);
        }

        private static List<TargetStaffRecord> Mutate(List<TargetStaffRecord> target, int[] mutations)
        {
            var result = target.ToList();
            for (var i = 0; i < mutations.Length && result.Count > 0; i++)
            {
                var at = (i * 7919) % result.Count;
                var r = result[at];
                var fields = r.Fields.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                switch (mutations[i])
                {
                    case 0:
                        result.RemoveAt(at);
                        continue;
                    case 1:
                        result[at] = SeedTarget.Record(r.Id, r.ExternalId, !r.Active, fields, r.Version + 1);
                        continue;
                    case 2:
                        fields[fields.Keys.OrderBy(k => k, StringComparer.Ordinal).ElementAt(i % Math.Max(1, fields.Count))] = null;
                        break;
                    case 3:
                        fields[fields.Keys.OrderBy(k => k, StringComparer.Ordinal).ElementAt(i % Math.Max(1, fields.Count))] = "  changed  ";
                        break;
                    default:
                        continue;
                }

                result[at] = SeedTarget.Record(r.Id, r.ExternalId, r.Active, fields, r.Version + 1);
            }

            return result;
        }

        // What apply does, in memory: create, update, reactivate, deactivate, delete (blocked changes too, as if overridden).
        private static List<TargetStaffRecord> Apply(List<TargetStaffRecord> target, IReadOnlyList<StaffChange> changes)
        {
            var byId = target.ToDictionary(r => r.Id, StringComparer.Ordinal);
            var next = 0;
            foreach (var change in changes)
            {
                var existing = change.TargetId is null ? null : byId[change.TargetId];
                var fields = existing?.Fields.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var pair in change.GetDesiredFields())
                {
                    fields[pair.Key] = pair.Value;
                }

                switch (change.GetAction())
                {
                    case ChangeAction.Create:
                        var id = $"new_{next++:D6}";
                        byId[id] = SeedTarget.Record(id, change.GetExternalId(), true, fields);
                        break;
                    case ChangeAction.Update:
                        byId[existing!.Id] = SeedTarget.Record(existing.Id, existing.ExternalId, existing.Active, fields, existing.Version + 1);
                        break;
                    case ChangeAction.Reactivate:
                        byId[existing!.Id] = SeedTarget.Record(existing.Id, existing.ExternalId, true, fields, existing.Version + 1);
                        break;
                    case ChangeAction.Deactivate:
                        byId[existing!.Id] = SeedTarget.Record(existing.Id, existing.ExternalId, false, fields, existing.Version + 1);
                        break;
                    case ChangeAction.Delete:
                        byId.Remove(existing!.Id);
                        break;
                }
            }

            return byId.Values.ToList();
        }

        private static string NewRoot() => Path.Combine(Path.GetTempPath(), "titanhst-tests", Guid.NewGuid().ToString("N"));

        private static string Escape(string? s) => string.Concat((s ?? string.Empty).Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString()));
    }
}
