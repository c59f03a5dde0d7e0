using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Aether.TitanHst.Emulator.Tests;

/// <summary>
/// docs/titanhst-api.openapi.yaml read twice: by Microsoft.OpenApi (the model, and proof the file is valid
/// OpenAPI 3.1), and as the JSON tree Microsoft.OpenApi writes back, registered with JsonSchema.Net so any
/// schema in it can validate a response (JSON Schema 2020-12, $refs resolved inside the document).
/// </summary>
internal sealed class OpenApiContract
{
    public static readonly Uri DocumentUri = new("https://titanhst.test/openapi.json");
    private static readonly Lazy<OpenApiContract> Shared = new(Load);

    private OpenApiContract(OpenApiDocument document, IReadOnlyList<string> errors, JsonObject tree)
    {
        Document = document;
        Errors = errors;
        Tree = tree;
        Options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        Options.SchemaRegistry.Register(new JsonNodeBaseDocument(tree, DocumentUri));
    }

    public static OpenApiContract Instance => Shared.Value;

    public static string ApiFolder => Path.Combine(AppContext.BaseDirectory, "api");

    public OpenApiDocument Document { get; }

    /// <summary>Errors Microsoft.OpenApi reported while reading.</summary>
    public IReadOnlyList<string> Errors { get; }

    public JsonObject Tree { get; }

    public EvaluationOptions Options { get; }

    public static string Prose => File.ReadAllText(Path.Combine(ApiFolder, "titanhst-api.md"));

    private static OpenApiContract Load()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = File.OpenRead(Path.Combine(ApiFolder, "titanhst-api.openapi.yaml"));
        var result = OpenApiDocument.LoadAsync(stream, "yaml", settings).GetAwaiter().GetResult();
        var errors = result.Diagnostic?.Errors.Select(e => e.ToString()).ToList() ?? new List<string>();
        var document = result.Document ?? throw new InvalidDataException("OpenAPI file did not load: " + string.Join("; ", errors));
        // The JSON tree comes from the YAML itself (through the reader's own YAML-to-JSON converter), not from
        // SerializeAsV31: Microsoft.OpenApi writes "const: 400" back as the string "400".
        var yaml = new SharpYaml.Serialization.YamlStream();
        using (var reader = new StreamReader(Path.Combine(ApiFolder, "titanhst-api.openapi.yaml")))
        {
            yaml.Load(reader);
        }

        var tree = Microsoft.OpenApi.YamlReader.YamlConverter.ToJsonNode(yaml.Documents[0].RootNode)!.AsObject();
        return new OpenApiContract(document, errors, tree);
    }

    /// <summary>Every operation: (method, path template, operation).</summary>
    public IEnumerable<(HttpMethod Method, string Path, OpenApiOperation Operation)> Operations() =>
        from path in Document.Paths
        from op in path.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()
        select (op.Key, path.Key, op.Value);

    /// <summary>The path template a concrete request path belongs to, literal segments preferred.</summary>
    public string? TemplateFor(string path) => Document.Paths.Keys
        .Where(t => Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(t), @"\\\{[^}]+}", "[^/]+") + "\\z"))
        .OrderBy(t => t.Count(c => c == '{'))
        .FirstOrDefault();

    /// <summary>A node of the JSON tree by JSON pointer ("#/components/schemas/Staff"), following one $ref at the end.</summary>
    public (JsonNode? Node, string Pointer) Resolve(string pointer)
    {
        var node = (JsonNode?)Tree;
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?[raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node is JsonObject o && o["$ref"] is JsonValue r && o.Count == 1 ? Resolve(r.GetValue<string>()) : (node, pointer);
    }

    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Validates a JSON value against the schema at a pointer; the messages of its failures.</summary>
    public IReadOnlyList<string> Validate(string schemaPointer, JsonNode? value)
    {
        var schema = JsonSchema.FromText("{\"$ref\":\"" + DocumentUri + schemaPointer + "\"}");
        var result = schema.Evaluate(value, Options);
        return result.IsValid
            ? Array.Empty<string>()
            : result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
    }
}
