using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "contract": loads the case's contract (the fixture's, with <c>contractEdits</c> and any files of the case
    /// folder laid over it) and expects it refused with <c>expect.errorId</c>, naming a line (and <c>expect.field</c>, the
    /// property the error must name, and <c>expect.messageContains</c>, text its message must hold, when given).
    /// </summary>
    public sealed class ContractHandler : IBadInputHandler
    {
        public string Kind => "contract";

        public void Run(BadInputCase badCase)
        {
            Assert.True(badCase.ExpectedErrorId is not null, $"{badCase.Name}: a contract case expects an errorId");
            using var district = CaseDistrict.Create(badCase);
            var ex = Assert.Throws<InputFileException>(() => ContractLoader.Load(district.ContractPath));
            Assert.True(badCase.ExpectedErrorId == ex.ErrorId, $"{badCase.Name}: expected {badCase.ExpectedErrorId}, got {ex.ErrorId}: {ex.Message}");
            Assert.DoesNotContain("\0", ex.Message, System.StringComparison.Ordinal);
            Assert.True(ex.Line > 0, $"{badCase.Name}: the error names no line: {ex.Message}");
            if (badCase.Expect.TryGetProperty("field", out var field))
            {
                Assert.Equal(field.GetString(), ex.Field);
            }

            if (badCase.Expect.TryGetProperty("messageContains", out var text))
            {
                Assert.Contains(text.GetString()!, ex.Message, System.StringComparison.Ordinal);
            }
        }
    }
}
