using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Aether.TitanHst.Emulator.Infrastructure;

/// <summary>Reads the parts of a request the staff endpoints share: a JSON object body and If-Match.</summary>
internal static class RequestReader
{
    /// <summary>The body as a JSON object, or a 415/400 problem.</summary>
    public static async Task<(JsonObject? Body, BytesResult? Problem)> ReadObjectAsync(HttpContext context, bool mergePatch)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        var accepted = string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || (mergePatch && string.Equals(mediaType, "application/merge-patch+json", StringComparison.OrdinalIgnoreCase));
        if (!accepted)
        {
            return (null, Problems.Create(context, 415, "unsupported-media-type", "Unsupported media type.",
                mergePatch ? "Send application/merge-patch+json or application/json." : "Send application/json."));
        }

        var node = StrictJson.Parse(await ReadBytesAsync(context), out var error);
        if (error is not null)
        {
            return (null, Problems.BadRequest(context, error));
        }

        return node is JsonObject body
            ? (body, null)
            : (null, Problems.BadRequest(context, "The body must be a JSON object."));
    }

    /// <summary>
    /// Deactivate and reactivate take no body (docs §4.6): none, an empty one, or <c>{}</c> sent as
    /// application/json. Any other body is refused rather than ignored: 415 for another media type, 400 otherwise.
    /// </summary>
    public static async Task<BytesResult?> ReadEmptyAsync(HttpContext context)
    {
        var bytes = await ReadBytesAsync(context);
        if (bytes.Length == 0)
        {
            return null;
        }

        var mediaType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(context, 415, "unsupported-media-type", "Unsupported media type.",
                "Send no body, or {} as application/json.");
        }

        var node = StrictJson.Parse(bytes, out var error);
        return error is not null ? Problems.BadRequest(context, error)
            : node is JsonObject { Count: 0 } ? null
            : Problems.BadRequest(context, "The body must be empty or {}.");
    }

    private static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>
    /// The entity tag in If-Match, quotes included, or a 428 (missing) / 400 (malformed) problem (docs §4.4).
    /// Any well-formed strong tag is returned, numeric or not: whether it matches is a strong, exact comparison
    /// with the current ETag (RFC 9110 §8.8.3.2), so "01" and "abc" are simply other tags (412), not malformed.
    /// </summary>
    public static BytesResult? ReadIfMatch(HttpContext context, out string entityTag)
    {
        entityTag = string.Empty;
        var values = context.Request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return Problems.PreconditionRequired(context);
        }

        var text = values.Count == 1 ? (values[0] ?? string.Empty).Trim(' ', '\t') : string.Empty;
        if (!IsStrongEntityTag(text))
        {
            return Problems.BadRequest(context, "If-Match must be exactly one strong ETag such as \"3\".");
        }

        entityTag = text;
        return null;
    }

    /// <summary>RFC 9110 entity-tag without W/: DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E (obs-text refused: docs §4.4).</summary>
    private static bool IsStrongEntityTag(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return false;
        }

        foreach (var c in text.AsSpan(1, text.Length - 2))
        {
            if (!(c == '!' || (c >= '#' && c <= '~')))
            {
                return false;
            }
        }

        return true;
    }
}
