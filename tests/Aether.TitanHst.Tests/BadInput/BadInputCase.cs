using System;
using System.IO;
using System.Text.Json;

namespace Aether.TitanHst.Tests.BadInput
{
    /// <summary>One folder of <c>tests/data/bad/</c>: its case.json and the path of its files.</summary>
    public sealed class BadInputCase
    {
        private BadInputCase(string name, string folder, JsonElement definition)
        {
            Name = name;
            Folder = folder;
            Definition = definition;
        }

        public string Name { get; }

        public string Folder { get; }

        /// <summary>The whole case.json.</summary>
        public JsonElement Definition { get; }

        public string Kind => Definition.GetProperty("kind").GetString() ?? throw new InvalidDataException($"{Name}: kind is null");

        public JsonElement Expect => Definition.GetProperty("expect");

        /// <summary>The expected error id, or null when the case expects an outcome instead.</summary>
        public string? ExpectedErrorId => Expect.TryGetProperty("errorId", out var id) ? id.GetString() : null;

        /// <summary>The expected handler-defined outcome, or null.</summary>
        public string? ExpectedOutcome => Expect.TryGetProperty("outcome", out var o) ? o.GetString() : null;

        public string PathOf(string relative) => Path.Combine(Folder, relative);

        public string? Member(string name) => Definition.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public static string CorpusRoot => Path.Combine(AppContext.BaseDirectory, "data", "bad");

        public static BadInputCase Load(string name)
        {
            var folder = Path.Combine(CorpusRoot, name);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "case.json")), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return new BadInputCase(name, folder, doc.RootElement.Clone());
        }
    }
}
