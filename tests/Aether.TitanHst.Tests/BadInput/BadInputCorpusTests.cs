using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Aether.TitanHst.Tests.BadInput
{
    /// <summary>Runs every case of tests/data/bad/ through the handler its kind names.</summary>
    public sealed class BadInputCorpusTests
    {
        private static readonly Dictionary<string, IBadInputHandler> Handlers = typeof(IBadInputHandler).Assembly.GetTypes()
            .Where(t => typeof(IBadInputHandler).IsAssignableFrom(t) && t.IsClass && !t.IsAbstract)
            .Select(t => (IBadInputHandler)Activator.CreateInstance(t)!)
            .ToDictionary(h => h.Kind, StringComparer.Ordinal);

        public static IEnumerable<object[]> Cases() => Directory.Exists(BadInputCase.CorpusRoot)
            ? Directory.GetDirectories(BadInputCase.CorpusRoot).Select(d => new object[] { Path.GetFileName(d) }).OrderBy(c => (string)c[0], StringComparer.Ordinal)
            : Enumerable.Empty<object[]>();

        [Theory]
        [MemberData(nameof(Cases))]
        public void Case_gives_its_expected_outcome(string name)
        {
            var badCase = BadInputCase.Load(name);
            Assert.True(badCase.ExpectedErrorId != null || badCase.ExpectedOutcome != null, $"{name}: case.json names neither expect.errorId nor expect.outcome");
            Assert.True(Handlers.TryGetValue(badCase.Kind, out var handler), $"{name}: no handler for kind '{badCase.Kind}'");
            handler!.Run(badCase);
        }

        [Fact]
        public void Every_case_folder_has_a_case_file()
        {
            foreach (var folder in Directory.GetDirectories(BadInputCase.CorpusRoot))
            {
                Assert.True(File.Exists(Path.Combine(folder, "case.json")), $"{Path.GetFileName(folder)} has no case.json");
            }
        }
    }
}
