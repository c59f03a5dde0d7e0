using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

/// <summary>
/// Places an audit found the emulator and docs/titanhst-api.md apart (verified with curl), each pinned by a test that
/// failed on the emulator before its fix.
/// </summary>
public sealed class AuditTests
{
    private static async Task<JsonObject> AssertProblem(HttpResponseMessage response, int status, string slug)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("X-Request-Id"), "no X-Request-Id");
        var body = await TestEmulator.Json(response);
        Assert.Equal("https://errors.titanhst.example/" + slug, body["type"]!.GetValue<string>());
        Assert.Equal(string.Join(",", response.Headers.GetValues("X-Request-Id")), body["traceId"]!.GetValue<string>());
        return body;
    }

    // 2. MapFallback's default pattern {*path:nonfile} skipped paths whose last segment holds a '.', so they got a bare 404.
    [Theory]
    [InlineData("GET", "api/v1/foo.json")]
    [InlineData("PUT", "api/v1/staff/stf_a.b")]
    [InlineData("DELETE", "api/v1/staff/by-external-id/a.b")]
    public async Task UnknownRoute_WithADotInItsLastSegment_IsANotFoundProblem(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.SendAsync(new HttpMethod(method), path, method == "PUT" ? "{}" : null);
        await AssertProblem(response, 404, "not-found");
    }
}
