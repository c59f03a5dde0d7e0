using System;
using System.IO;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "contractCheck": the case's exports checked as Test-MappingContract checks them, header drift check
    /// included, against the export headers recorded from the untouched fixture (unless the case folder brings its own
    /// contract.headers.json). No exception may escape the checks, and the bad export is exactly one Error result: the
    /// reader's own error (<c>expect.errorId</c>, raised when the sources are extracted), with its message, file and line
    /// (<c>expect.messageContains</c>: text that message must hold), never also a column removed or renamed per column.
    /// </summary>
    public sealed class ContractCheckHandler : IBadInputHandler
    {
        private const string Baseline = "contract.headers.json";

        public string Kind => "contractCheck";

        public void Run(BadInputCase badCase)
        {
            Assert.True(badCase.ExpectedErrorId is not null, $"{badCase.Name}: a contractCheck case expects an errorId");
            using var district = CaseDistrict.Create(badCase);
            if (!File.Exists(district.PathOf(Baseline)))
            {
                using var clean = new TempDistrict(badCase.Member("fixture") ?? "mini-district");
                Assert.Contains(new SourceHeaderDriftCheck(ContractLoader.Load(clean.ContractPath)).Run(), r => r.Message.StartsWith("recorded", StringComparison.Ordinal));
                File.Copy(clean.PathOf(Baseline), district.PathOf(Baseline));
            }

            var contract = ContractLoader.Load(district.ContractPath);
            var ex = Assert.Throws<InputFileException>(() => new StaffExtractor(contract).Extract().ToList());
            Assert.True(badCase.ExpectedErrorId == ex.ErrorId, $"{badCase.Name}: expected {badCase.ExpectedErrorId}, got {ex.ErrorId}: {ex.Message}");
            Assert.True(ex.Line > 0, $"{badCase.Name}: the error names no line: {ex.Message}");

            var results = new MappingContractChecker(contract) { HeaderDrift = new SourceHeaderDriftCheck(contract) { Record = false } }.Run().ToList();
            var errors = results.Where(r => r.GetSeverity() == CheckSeverity.Error).ToList();
            Assert.True(errors.Count == 1, $"{badCase.Name}: expected one error, got {errors.Count}: {string.Join(" | ", errors.Select(e => e.Message))}");
            Assert.Equal(CheckRules.SourceReadable, errors[0].Rule);
            Assert.Equal(ex.Message, errors[0].Message);
            Assert.Equal($"{ex.File}:{ex.Line}", Assert.Single(errors[0].Items));
            if (badCase.Expect.TryGetProperty("messageContains", out var text))
            {
                Assert.Contains(text.GetString()!, ex.Message, StringComparison.Ordinal);
            }
        }
    }
}
