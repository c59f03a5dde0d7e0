using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

/// <summary>
/// Sits in every TestEmulator's HttpClient and checks each API response against the OpenAPI file: the status is
/// declared for the operation, required headers (X-Request-Id, ETag, Retry-After...) are present, the media type
/// is a declared one, and the body is valid against the declared schema. Violations are collected; the
/// TestEmulator fails the test on dispose, so every emulator test is also a test of the OpenAPI file.
/// </summary>
internal sealed class OpenApiResponseValidation : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _violations = new();

    public OpenApiResponseValidation()
        : base(new HttpClientHandler())
    {
    }

    public IReadOnlyCollection<string> Violations => _violations;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (path.StartsWith("/api/v1", StringComparison.Ordinal) || path == "/oauth/token")
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            foreach (var v in Check(request.Method, path, response, body))
            {
                _violations.Enqueue($"{request.Method} {path} -> {(int)response.StatusCode}: {v}");
            }
        }

        return response;
    }

    public static IEnumerable<string> Check(HttpMethod method, string path, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (!response.Headers.Contains("X-Request-Id"))
        {
            yield return "no X-Request-Id header";
        }

        var contract = OpenApiContract.Instance;
        var template = contract.TemplateFor(path);
        var methodKey = method.Method.ToLowerInvariant();
        var operation = template is null ? null : contract.Resolve($"#/paths/{OpenApiContract.Escape(template)}/{methodKey}").Node;
        if (operation is null)
        {
            // Unknown routes and methods: docs §1 says 404 not-found, which is all there is to check.
            if (status != 404)
            {
                yield return "not an operation of the OpenAPI file, and not 404";
            }

            yield break;
        }

        var responses = operation["responses"]!.AsObject();
        var key = responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ? status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : responses.ContainsKey($"{status / 100}XX") ? $"{status / 100}XX" : null;
        if (key is null)
        {
            yield return $"status {status} is not declared for {methodKey} {template}";
            yield break;
        }

        var (declared, pointer) = contract.Resolve($"#/paths/{OpenApiContract.Escape(template!)}/{methodKey}/responses/{key}");
        foreach (var (name, headerRef) in declared!["headers"]?.AsObject() ?? new JsonObject())
        {
            var header = contract.Resolve(headerRef!["$ref"] is { } r ? r.GetValue<string>() : $"{pointer}/headers/{OpenApiContract.Escape(name)}").Node!;
            var present = response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values);
            if (header["required"]?.GetValue<bool>() == true && !present)
            {
                yield return $"required header {name} missing";
            }
        }

        var content = declared["content"]?.AsObject();
        if (content is null)
        {
            if (body.Length > 0)
            {
                yield return "a body where the OpenAPI file declares none";
            }

            yield break;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "(none)";
        if (!content.ContainsKey(mediaType))
        {
            yield return $"media type {mediaType} is not one of {string.Join(", ", content.Select(c => c.Key))}";
            yield break;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            yield return "body is not JSON";
            yield break;
        }

        var schemaPointer = $"{pointer}/content/{OpenApiContract.Escape(mediaType)}/schema";
        foreach (var error in contract.Validate(schemaPointer, json))
        {
            yield return error;
        }
    }
}
