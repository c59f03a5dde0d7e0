using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator;

/// <summary>RFC 9457 problem responses with the slugs of docs/titanhst-api.md §8.</summary>
internal static class Problems
{
    public const string TypeBase = "https://errors.titanhst.example/";
    public const string ContentType = "application/problem+json; charset=utf-8";

    public static BytesResult Create(HttpContext context, int status, string slug, string title, string? detail = null,
        IReadOnlyDictionary<string, List<string>>? errors = null, (string Name, object Value)? extension = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            w.WriteStartObject();
            w.WriteString("type", TypeBase + slug);
            w.WriteString("title", title);
            w.WriteNumber("status", status);
            if (detail is not null)
            {
                w.WriteString("detail", detail);
            }

            w.WriteString("traceId", context.TraceIdentifier);
            if (errors is not null)
            {
                w.WriteStartObject("errors");
                foreach (var (name, messages) in errors)
                {
                    w.WriteStartArray(name);
                    messages.ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            if (extension is { } ext)
            {
                w.WritePropertyName(ext.Name);
                JsonSerializer.Serialize(w, ext.Value);
            }

            w.WriteEndObject();
        }

        return new BytesResult(status, ContentType, buffer.WrittenSpan.ToArray());
    }

    public static BytesResult NotFound(HttpContext c, string what) => Create(c, 404, "not-found", "Not found.", what);

    public static BytesResult BadRequest(HttpContext c, string detail) => Create(c, 400, "bad-request", "Bad request.", detail);

    public static BytesResult Validation(HttpContext c, IReadOnlyDictionary<string, List<string>> errors) =>
        Create(c, 400, "validation", "One or more fields are invalid.", "See errors.", errors);

    public static BytesResult Conflict(HttpContext c, string externalId, string conflictingId) =>
        Create(c, 409, "external-id-conflict", "externalId is already in use.",
            $"externalId '{externalId}' belongs to {conflictingId}.", extension: ("conflictingId", conflictingId));

    public static BytesResult Stale(HttpContext c, int currentVersion) =>
        Create(c, 412, "precondition-failed", "The record has changed.",
            "If-Match does not match the current version.", extension: ("currentVersion", currentVersion));

    public static BytesResult PreconditionRequired(HttpContext c) =>
        Create(c, 428, "precondition-required", "If-Match is required.", "Send If-Match: \"<version>\".");
}
