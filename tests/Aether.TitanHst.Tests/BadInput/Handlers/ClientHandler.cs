using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.BadInput.Handlers;

/// <summary>
/// Kind "client": a canned TitanHST answer, served by a tiny local listener, must end the call with the expected
/// <see cref="TitanHstErrorKind"/> (expect.errorId) — and no form of the client secret or the access token may
/// appear anywhere in the exception, whatever the listener echoed. Only reads are made.
/// </summary>
/// <remarks>
/// case.json members: <c>call</c> (token, schema, page, list, record, references), <c>token</c> and <c>api</c>
/// responses (<c>status</c>, <c>headers</c>, <c>body</c> or <c>bodyFile</c>, <c>stream</c> {start, unit, bytes}
/// for a huge body without Content-Length, <c>declaredLength</c>, <c>bodyByCursor</c> {cursor: body, "": the first
/// page's} for listings that answer by the cursor asked). In bodies, <c>{{authorization}}</c>,
/// <c>{{body}}</c>, <c>{{secret}}</c>, <c>{{secret-url}}</c>, <c>{{secret-form}}</c> and <c>{{token}}</c> become what the
/// client sent and its credentials, as an echoing server would show them.
/// </remarks>
public sealed class ClientHandler : IBadInputHandler
{
    private const string Token = "corpus-token-0123456789ABCdef";

    public string Kind => "client";

    public void Run(BadInputCase badCase) => RunAsync(badCase).GetAwaiter().GetResult();

    private static async Task RunAsync(BadInputCase badCase)
    {
        var definition = badCase.Definition;
        var tokenSpec = definition.TryGetProperty("token", out var t) ? t : (JsonElement?)null;
        var apiSpec = definition.TryGetProperty("api", out var a) ? a : (JsonElement?)null;
        await using var server = new CannedHttpServer(request =>
        {
            var isToken = request.Path.EndsWith("/oauth/token", StringComparison.Ordinal);
            var spec = isToken ? tokenSpec : apiSpec;
            return spec is null
                ? (isToken ? CannedResponse.Token(Token) : CannedResponse.Json(500, "{}"))
                : Response(badCase, spec.Value, request);
        });
        using var client = CannedClient.For(new Uri(server.BaseUri, badCase.Member("basePath") ?? string.Empty), o => o.ResponseLimits.Page = 1024 * 1024);

        var call = badCase.Member("call") ?? throw new InvalidDataException($"{badCase.Name}: no call");
        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => Call(client, call));

        Assert.Equal(badCase.ExpectedErrorId, e.Kind.ToString());
        var text = CannedClient.AllText(e);
        foreach (var form in CannedClient.SecretForms().Concat(new[] { Token, Uri.EscapeDataString(Token) }))
        {
            Assert.DoesNotContain(form, text, StringComparison.Ordinal);
        }

        // Reads only: the corpus never writes.
        Assert.All(server.Requests.Where(r => !r.Path.EndsWith("/oauth/token", StringComparison.Ordinal)), r => Assert.Equal("GET", r.Method));
    }

    private static async Task Call(TitanHstClient client, string call)
    {
        switch (call)
        {
            case "token": await client.AuthenticateAsync(); break;
            case "schema": await client.GetSchemaAsync(); break;
            case "page": await client.GetStaffPageAsync(StaffQuery.All, null); break;
            case "list": _ = client.EnumerateStaff(StaffQuery.All).Count(); break;
            case "record": await client.GetStaffAsync("stf_000000000001"); break;
            case "references": await client.GetReferencesAsync(TargetReferenceKind.Role); break;
            default: throw new InvalidDataException($"unknown call '{call}'");
        }
    }

    private static CannedResponse Response(BadInputCase badCase, JsonElement spec, CannedRequest request)
    {
        var status = spec.TryGetProperty("status", out var s) ? s.GetInt32() : 200;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = status >= 400 ? "application/problem+json" : "application/json" };
        if (spec.TryGetProperty("headers", out var h))
        {
            foreach (var header in h.EnumerateObject())
            {
                headers[header.Name] = Fill(header.Value.GetString()!, request);
            }
        }

        if (spec.TryGetProperty("stream", out var stream))
        {
            var start = stream.GetProperty("start").GetString()!;
            var unit = stream.GetProperty("unit").GetString()!;
            var bytes = stream.GetProperty("bytes").GetInt64();
            return new CannedResponse { Status = status, Headers = headers, Stream = () => Endless(start, unit, bytes) };
        }

        var body = spec.TryGetProperty("bodyFile", out var file)
            ? File.ReadAllText(badCase.PathOf(file.GetString()!))
            : spec.TryGetProperty("bodyByCursor", out var byCursor) ? byCursor.GetProperty(CursorOf(request.Target)).GetString()!
            : spec.TryGetProperty("body", out var b) ? b.GetString()! : string.Empty;
        return new CannedResponse
        {
            Status = status,
            Headers = headers,
            Body = Encoding.UTF8.GetBytes(Fill(body, request)),
            DeclaredLength = spec.TryGetProperty("declaredLength", out var d) ? d.GetInt64() : null,
        };
    }

    // The cursor a listing request asked for, decoded; empty for the first page.
    private static string CursorOf(string target)
    {
        var query = target.Contains('?', StringComparison.Ordinal) ? target.Substring(target.IndexOf('?', StringComparison.Ordinal) + 1) : string.Empty;
        var pair = query.Split('&').FirstOrDefault(p => p.StartsWith("cursor=", StringComparison.Ordinal));
        return pair is null ? string.Empty : Uri.UnescapeDataString(pair.AsSpan("cursor=".Length));
    }

    // As a careless server would echo them; JSON-escaped so the canned body stays valid JSON.
    private static string Fill(string text, CannedRequest request) => text
        .Replace("{{authorization}}", Json(request.Header("Authorization")), StringComparison.Ordinal)
        .Replace("{{body}}", Json(request.Body), StringComparison.Ordinal)
        .Replace("{{secret}}", Json(CannedClient.Secret), StringComparison.Ordinal)
        .Replace("{{secret-url}}", Uri.EscapeDataString(CannedClient.Secret), StringComparison.Ordinal)
        .Replace("{{secret-form}}", Json(WebUtility.UrlEncode(CannedClient.Secret)), StringComparison.Ordinal)
        .Replace("{{token}}", Token, StringComparison.Ordinal);

    private static string Json(string value) => JsonSerializer.Serialize(value).Trim('"');

    private static IEnumerable<byte[]> Endless(string start, string unit, long total)
    {
        yield return Encoding.UTF8.GetBytes(start);
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, Math.Max(1, 65536 / unit.Length))));
        for (long sent = 0; sent < total; sent += chunk.Length)
        {
            yield return chunk;
        }
    }
}
