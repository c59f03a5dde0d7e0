using System;
using System.Globalization;
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

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            return JsonNode.Parse(text) is JsonObject body
                ? (body, null)
                : (null, Problems.BadRequest(context, "The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest(context, "The body is not valid JSON: " + e.Message));
        }
    }

    /// <summary>The version in If-Match, or a 428 (missing) / 400 (malformed) problem (docs §4.4).</summary>
    public static BytesResult? ReadIfMatch(HttpContext context, out int version)
    {
        version = 0;
        var values = context.Request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return Problems.PreconditionRequired(context);
        }

        var text = values.Count == 1 ? values[0]!.Trim() : string.Empty;
        if (text.Length < 3 || text[0] != '"' || text[^1] != '"'
            || !int.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return Problems.BadRequest(context, "If-Match must be exactly one strong ETag such as \"3\".");
        }

        return null;
    }
}
