using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// Bodies are read up to a cap per kind of call, never whole; values longer than the API document allows are
/// refused rather than carried into snapshots and diffs.
/// </summary>
public sealed class ResponseLimitTests
{
    private const string SchemaStart = "{\"apiVersion\":\"1.0\",\"staffFields\":[],\"schemaVersion\":\"";

    [Fact]
    public async Task A400MegabyteBody_WithoutContentLength_IsRefusedAtTheCap_WithoutReadingIt()
    {
        // 400 MB of a page that never ends, produced lazily: the server counts what it got to send.
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : new CannedResponse { Stream = () => Endless("{\"items\":[", "{\"id\":\"stf_000000000001\"},", 400L * 1024 * 1024) });
        using var client = CannedClient.For(server.BaseUri, o => o.ResponseLimits.Page = 1024 * 1024);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffPageAsync(StaffQuery.All, null));

        Assert.Equal(TitanHstErrorKind.ResponseTooLarge, e.Kind);
        Assert.Equal(1, e.Attempts);
        Assert.Contains("1048576 bytes", e.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.True(server.BodyBytesSent < 64L * 1024 * 1024, $"the server got {server.BodyBytesSent} bytes out; the client kept reading");
        Assert.True(GC.GetTotalMemory(forceFullCollection: false) - memoryBefore < 64L * 1024 * 1024, "the client held far more than its cap");
    }

    [Fact]
    public async Task A_ContentLength_OverTheCap_IsRefusedBeforeReading()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : new CannedResponse { Body = Encoding.UTF8.GetBytes("{}"), DeclaredLength = 5L * 1024 * 1024 * 1024 });
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffAsync("stf_000000000001"));

        Assert.Equal(TitanHstErrorKind.ResponseTooLarge, e.Kind);
        Assert.Contains("declares 5368709120 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TokenAnswer_OverItsCap_IsRefused()
    {
        await using var server = new CannedHttpServer(_ => CannedResponse.Json(200, "{\"access_token\":\"" + new string('a', 100_000) + "\",\"token_type\":\"Bearer\"}"));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.AuthenticateAsync());

        Assert.Equal(TitanHstErrorKind.ResponseTooLarge, e.Kind);
    }

    [Fact]
    public async Task A400MillionCharacterSchemaVersion_IsRefused_AtTheSchemaCap()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : new CannedResponse { Stream = () => Endless(SchemaStart, "x", 400_000_000) });
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync());

        Assert.Equal(TitanHstErrorKind.ResponseTooLarge, e.Kind);
        Assert.Equal("GET /api/v1/schema", e.Operation);
    }

    [Fact]
    public async Task A_SchemaVersion_LongerThanTheDocumentAllows_IsRefused_NamingTheMember()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : CannedResponse.Json(200, SchemaStart + new string('9', 33) + "\"}"));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync());

        Assert.Equal(TitanHstErrorKind.UnexpectedResponse, e.Kind);
        Assert.Contains("schemaVersion is 33 characters long; the API document allows at most 32", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("firstName", 101)]
    [InlineData("email", 255)]
    [InlineData("notes", 2001)]
    [InlineData("externalId", 65)]
    [InlineData("somethingNew", 2001)]
    public async Task A_RecordField_LongerThanTheDocumentAllows_IsRefused_WithoutShowingTheValue(string field, int length)
    {
        var value = new string('Q', length);
        var record = $"{{\"id\":\"stf_000000000001\",\"externalId\":\"E1\",\"active\":true,\"version\":1,\"updatedAt\":\"2026-01-01T00:00:00.000Z\",\"firstName\":\"A\",\"{field}\":\"{value}\"}}";
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : CannedResponse.Json(200, record, ("ETag", "\"1\"")));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffAsync("stf_000000000001"));

        Assert.Equal(TitanHstErrorKind.UnexpectedResponse, e.Kind);
        Assert.Contains($"{length} characters long", e.Message, StringComparison.Ordinal);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("QQQQ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_RecordAtEveryMaximumLength_IsAccepted()
    {
        var fields = new Dictionary<string, int> { ["firstName"] = 100, ["lastName"] = 100, ["email"] = 254, ["username"] = 64, ["title"] = 128, ["notes"] = 2000, ["phone"] = 32 };
        var record = "{\"id\":\"stf_000000000001\",\"externalId\":\"" + new string('E', 64) + "\",\"active\":true,\"version\":1,\"updatedAt\":\"2026-01-01T00:00:00.000Z\","
            + string.Join(",", fields.Select(f => $"\"{f.Key}\":\"{new string('x', f.Value)}\"")) + "}";
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : CannedResponse.Json(200, record, ("ETag", "\"1\"")));
        using var client = CannedClient.For(server.BaseUri);

        var read = await client.GetStaffAsync("stf_000000000001");

        Assert.Equal(2000, read["notes"]!.Length);
    }

    [Fact]
    public void Caps_AreConfigurable_AndChecked()
    {
        var options = new TitanHstClientOptions { BaseUri = new Uri("https://t.example"), ClientId = "x", ClientSecretProvider = () => "y" };
        options.ResponseLimits.Page = 10;

        var e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("ResponseLimits.Page", e.Message, StringComparison.Ordinal);
    }

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
