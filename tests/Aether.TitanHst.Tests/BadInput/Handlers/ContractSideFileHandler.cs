using System.Linq;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Contract.Checks;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "contractSideFile": a file the module keeps beside the contract, laid over the fixture by the case folder
    /// (<c>contract.versions.json</c> or <c>contract.headers.json</c>), read as Test-MappingContract reads it (the
    /// version check; the header drift check, read-only). <c>expect.errorId</c>: the file is refused with that id,
    /// naming it and a line (and <c>expect.field</c> when given), and the check reports the refusal as an error.
    /// <c>expect.outcome</c> "Checked": the check runs to its results (<c>expect.messageContains</c>: one of them says so).
    /// </summary>
    public sealed class ContractSideFileHandler : IBadInputHandler
    {
        public string Kind => "contractSideFile";

        public void Run(BadInputCase badCase)
        {
            using var district = CaseDistrict.Create(badCase);
            var contract = ContractLoader.Load(district.ContractPath);
            var file = badCase.Member("file");
            var history = file == "contract.versions.json";
            Assert.True(history || file == "contract.headers.json", $"{badCase.Name}: file must be contract.versions.json or contract.headers.json");
            var path = district.PathOf(file!);
            Assert.True(System.IO.File.Exists(path), $"{badCase.Name}: the case folder holds no {file}");

            var results = history
                ? new MappingContractChecker(contract).Run().Take(2).Skip(1).ToList()
                : new SourceHeaderDriftCheck(contract) { Record = false }.Run().ToList();
            if (badCase.ExpectedErrorId is { } errorId)
            {
                var ex = Assert.Throws<InputFileException>(() =>
                {
                    if (history)
                    {
                        ContractVersionHistory.Read(path);
                    }
                    else
                    {
                        SourceHeaderBaseline.Read(path);
                    }
                });
                Assert.True(errorId == ex.ErrorId, $"{badCase.Name}: expected {errorId}, got {ex.ErrorId}: {ex.Message}");
                Assert.Equal(path, ex.File);
                Assert.True(ex.Line > 0, $"{badCase.Name}: the error names no line: {ex.Message}");
                if (badCase.Expect.TryGetProperty("field", out var field))
                {
                    Assert.Equal(field.GetString(), ex.Field);
                }

                Assert.Contains(results, r => r.GetSeverity() == CheckSeverity.Error && r.Message == ex.Message);
            }
            else
            {
                Assert.Equal("Checked", badCase.ExpectedOutcome);
                Assert.NotEmpty(results);
            }

            if (badCase.Expect.TryGetProperty("messageContains", out var text))
            {
                Assert.Contains(results, r => r.Message.Contains(text.GetString()!, System.StringComparison.Ordinal));
            }
        }
    }
}
