using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Security;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Diff;

namespace Aether.TitanHst.Tests.Apply
{
    /// <summary>The mini district diffed against a small seeded TitanHST, with its own installation key and folders.</summary>
    internal sealed class ApplyFixture : IDisposable
    {
        internal static readonly Dictionary<string, string?> Ana = new()
        {
            ["firstName"] = "Ana", ["lastName"] = "Peña", ["email"] = "old@district.org", ["title"] = "Teacher of Math", ["roleCode"] = "PRINCIPAL",
            ["siteCode"] = "LHS", ["hireDate"] = "2019-08-15", ["phone"] = "+15595551234",
        };

        internal ApplyFixture(bool emailDomain = true, string? schemaVersion = null)
        {
            District = new TempDistrict();
            if (emailDomain)
            {
                District.EditContract("\"normalize\": [\"trim\", \"email\"]", "\"normalize\": [\"trim\", { \"email\": { \"domains\": [\"district.org\"] } }]");
            }

            if (schemaVersion is not null)
            {
                District.EditContract("\"description\": \"Mini district for tests\",", $"\"description\": \"Mini district for tests\", \"titanHstSchemaVersion\": \"{schemaVersion}\",");
            }

            Contract = ContractLoader.Load(District.ContractPath);
            Key = InstallationKey.LoadOrCreate(District.PathOf("keys"));
        }

        public TempDistrict District { get; }

        public MappingContract Contract { get; }

        public InstallationKey Key { get; }

        public string PlanPath => District.PathOf("plan.json");

        /// <summary>A diff of the mini district: Ana matched (a role change), the rest created; with <paramref name="gone"/> one more managed record leaves.</summary>
        internal DiffResult Diff(TargetIdentity? target = null, bool gone = false, bool roleChange = true)
        {
            var ana = new Dictionary<string, string?>(Ana) { ["roleCode"] = roleChange ? "PRINCIPAL" : "TEACHER" };
            var records = new List<TargetStaffRecord> { SeedTarget.Record("stf_000000000001", "123", true, ana) };
            if (gone)
            {
                records.Add(SeedTarget.Record("stf_000000000002", "555", true, ana));
            }

            var identity = DiffIdentity.New(Contract, SourceFileHash.Of(Contract), target?.BaseUri ?? "test", target ?? new TargetIdentity("https://titanhst.test:443", "tnt-1"));
            return new DiffEngine(Contract, identity).Compute(new StaffExtractor(Contract).Extract(), records);
        }

        public void Dispose()
        {
            Key.Dispose();
            District.Dispose();
        }
    }
}
