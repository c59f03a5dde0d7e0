using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Aether.TitanHst.Apply;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Reporting
{
    /// <summary>
    /// A run journal made from the mini district: a diff against seeded TitanHST records, journaled as an apply
    /// would, with one outcome of each kind and a failure reason that echoes personal data (as a server may).
    /// </summary>
    internal sealed class ReportRun : IDisposable
    {
        internal const string Title = "<b>Lead</b> & Teacher";

        private static readonly Dictionary<string, string?> Ana = new()
        {
            ["firstName"] = "Ana", ["lastName"] = "Peña", ["email"] = "old.ana@district.org", ["title"] = "Teacher of Math", ["roleCode"] = "TEACHER",
            ["siteCode"] = "LHS", ["hireDate"] = "2019-08-15", ["phone"] = "+15595551234",
        };

        private static readonly Dictionary<string, string?> Gone = new()
        {
            ["firstName"] = "Wilhelmina", ["lastName"] = "Quartermaine", ["email"] = "wq@district.org", ["roleCode"] = "TEACHER", ["siteCode"] = "LHS",
        };

        internal ReportRun(bool reportable = true)
        {
            District = new TempDistrict();
            if (reportable)
            {
                foreach (var field in new[] { "title", "roleCode", "siteCode" })
                {
                    District.EditContract($"\"{field}\": {{", $"\"{field}\": {{ \"reportable\": true,");
                }
            }

            var aeries = File.ReadAllText(District.PathOf("exports/aeries.csv"), Encoding.Latin1).Replace("Teacher  of   Math", "\"" + Title + "\"");
            District.WriteText("exports/aeries.csv", aeries, Encoding.Latin1);
            Contract = ContractLoader.Load(District.ContractPath);
            var target = new List<TargetStaffRecord> { SeedTarget.Record("stf_1", "123", true, Ana), SeedTarget.Record("stf_g", "555", true, Gone) };
            var identity = DiffIdentity.New(Contract, SourceFileHash.Of(Contract), "http://titanhst.test:8080/");
            Changes = new DiffEngine(Contract, identity).Compute(new StaffExtractor(Contract).Extract(), target).Changes.Where(c => c.GetAction() != ChangeAction.NoChange).ToList();
            Secrets = Changes.SelectMany(c => c.GetDesiredFields().Where(p => p.Key is "firstName" or "lastName" or "email").Select(p => p.Value))
                .Concat(Ana.Values.Take(3)).Concat(Gone.Values.Take(3)).Where(v => v is not null).Select(v => v!).Distinct().ToList();

            Root = District.PathOf("runs");
            var header = new RunHeader
            {
                RunId = "20260301-070000-abc123", StartedAt = new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero), Operator = "ops@district-host",
                Target = "https://titanhst.example.org/district/", ContractId = Contract.Id, ContractVersion = Contract.Version, ContractHash = Contract.Hash,
                OverrideReason = "Reviewed with HR",
            };
            using var journal = RunJournal.Create(Root, header, Changes);
            var at = header.StartedAt;
            Outcome(journal, "456", ApplyOutcomeKind.Succeeded, 201, null);
            Outcome(journal, "555", ApplyOutcomeKind.Stale, 412, "the TitanHST record changed since the diff");
            Outcome(journal, "123", ApplyOutcomeKind.Failed, 400, "400 Bad Request: email 'bo@district.org' of Bo O'Brien is invalid; see https://titanhst.example.org/errors/42");
            foreach (var conflict in Changes.Where(c => c.GetAction() == ChangeAction.Conflict))
            {
                Outcome(journal, conflict.ExternalId, ApplyOutcomeKind.Skipped, null, ApplyGate.SkipReason(conflict));
            }

            void Outcome(RunJournal j, string id, ApplyOutcomeKind kind, int? status, string? reason)
            {
                var change = Changes.Single(c => c.ExternalId == id);
                j.Outcome(new ChangeOutcome(header.RunId, change, kind, status, 1, reason, change.TargetId, at));
            }

            Folder = Path.Combine(Root, header.RunId);
        }

        public TempDistrict District { get; }

        public MappingContract Contract { get; }

        public IReadOnlyList<StaffChange> Changes { get; }

        /// <summary>Names and email addresses of everyone in the run: none may appear in a report.</summary>
        public IReadOnlyList<string> Secrets { get; }

        public string Root { get; }

        public string Folder { get; }

        public void Dispose() => District.Dispose();
    }
}
