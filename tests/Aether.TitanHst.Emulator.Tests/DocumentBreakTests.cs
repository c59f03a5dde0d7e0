using System;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

/// <summary>
/// The eight places an independent client found the emulator breaking docs/titanhst-api.md (issue 15), each
/// pinned by a test that failed on the emulator before the fix.
/// </summary>
public sealed class DocumentBreakTests
{
    private static readonly string[] Json = { "Content-Type: application/json" };

    private static async Task AssertProblem(HttpResponseMessage response, int status, string slug)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("X-Request-Id"), "no X-Request-Id");
        var body = await TestEmulator.Json(response);
        Assert.Equal("https://errors.titanhst.example/" + slug, body["type"]!.GetValue<string>());
        Assert.Equal(string.Join(",", response.Headers.GetValues("X-Request-Id")), body["traceId"]!.GetValue<string>());
    }

    private static void AssertProblem(RawHttp.Answer answer, int status, string slug)
    {
        Assert.Equal(status, answer.Status);
        Assert.StartsWith("application/problem+json", answer.Header("Content-Type") ?? string.Empty, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.Header("X-Request-Id")), "no X-Request-Id");
        var body = JsonNode.Parse(answer.Body)!;
        Assert.Equal("https://errors.titanhst.example/" + slug, body["type"]!.GetValue<string>());
        Assert.Equal(answer.Header("X-Request-Id"), body["traceId"]!.GetValue<string>());
    }

    private static string[] Auth(string token, params string[] more)
    {
        var list = new System.Collections.Generic.List<string> { "Authorization: Bearer " + token };
        list.AddRange(more);
        return list.ToArray();
    }

    // 1. '$' matched before a final newline: "abc\n" was stored on create and PATCH.
    [Theory]
    [InlineData("abc\n")]
    [InlineData("E1\n")]
    public async Task ExternalId_WithTrailingNewline_IsRejected_OnCreateAndPatch(string externalId)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var created = await emu.CreateAsync(new { externalId, firstName = "A", lastName = "B" }, Guid.NewGuid().ToString());
        await AssertProblem(created, 400, "validation");

        var record = await emu.CreateValidAsync("E2");
        using var patched = await emu.SendAsync(HttpMethod.Patch, "api/v1/staff/" + record["id"], new { externalId },
            ("If-Match", "\"1\""));
        await AssertProblem(patched, 400, "validation");

        using var found = await emu.Http.GetAsync("api/v1/staff/by-external-id/" + Uri.EscapeDataString(externalId));
        await AssertProblem(found, 404, "not-found");
    }

    // 2. Duplicate members and an unpaired surrogate escape gave a bare 500 without X-Request-Id.
    [Theory]
    [InlineData("{\"firstName\":\"A\",\"lastName\":\"B\",\"lastName\":\"C\"}")]
    [InlineData("{\"firstName\":\"A\",\"lastName\":\"\\ud800\"}")]
    [InlineData("{\"firstName\":\"A\",\"lastName\":\"B\",\"title\":\"\\udc00x\"}")]
    public async Task DuplicateMembers_AndUnpairedSurrogates_AreBadRequest_OnCreatePatchAndReplay(string body)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var created = await emu.CreateAsync(body, "k-1");
        await AssertProblem(created, 400, "bad-request");

        // A replay of a good key with a broken body is refused as broken, not compared.
        using var good = await emu.CreateAsync(new { firstName = "A", lastName = "B" }, "k-2");
        Assert.Equal(201, (int)good.StatusCode);
        using var replay = await emu.CreateAsync(body, "k-2");
        await AssertProblem(replay, 400, "bad-request");

        var id = (await TestEmulator.Json(good))["id"]!.GetValue<string>();
        using var patched = await emu.SendAsync(HttpMethod.Patch, "api/v1/staff/" + id, body, ("If-Match", "\"1\""));
        await AssertProblem(patched, 400, "bad-request");
        using var list = await emu.Http.GetAsync("api/v1/staff");
        Assert.Single((await TestEmulator.Json(list))["items"]!.AsArray()); // nothing applied
    }

    // 3. A raw non-ASCII byte in Idempotency-Key got Kestrel's bare 400.
    [Fact]
    public async Task NonAsciiByte_InIdempotencyKey_IsAProblemWithRequestId()
    {
        await using var emu = await TestEmulator.StartAsync();
        var request = RawHttp.Build("POST", "/api/v1/staff",
            Auth(await emu.TokenAsync(), "Content-Type: application/json", "Idempotency-Key: key-\u00e9"),
            Encoding.UTF8.GetBytes("{\"firstName\":\"A\",\"lastName\":\"B\"}"));
        AssertProblem(await RawHttp.SendAsync(emu.Host.BaseUri, request), 400, "idempotency-key-missing");
    }

    // 4. Invalid UTF-8 inside a JSON string was stored as U+FFFD.
    [Fact]
    public async Task InvalidUtf8_InAJsonString_IsBadRequest()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = new byte[] { (byte)'{', (byte)'"', (byte)'f', (byte)'i', (byte)'r', (byte)'s', (byte)'t', (byte)'N', (byte)'a', (byte)'m', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)',' }
            .AsSpan().ToArray();
        var full = new System.Collections.Generic.List<byte>(body);
        full.AddRange(Encoding.ASCII.GetBytes("\"lastName\":\"B\"}"));
        var request = RawHttp.Build("POST", "/api/v1/staff", Auth(await emu.TokenAsync(), "Content-Type: application/json", "Idempotency-Key: k-utf8"),
            full.ToArray());
        AssertProblem(await RawHttp.SendAsync(emu.Host.BaseUri, request), 400, "bad-request");
        using var list = await emu.Http.GetAsync("api/v1/staff");
        Assert.Empty((await TestEmulator.Json(list))["items"]!.AsArray());
    }

    // 5. If-Match "01" matched version 1; strong comparison says it is another tag. A non-numeric tag is another tag too.
    [Theory]
    [InlineData("\"01\"")]
    [InlineData("\"1 \"")]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    public async Task IfMatch_IsAStrongExactComparison(string tag)
    {
        await using var emu = await TestEmulator.StartAsync();
        var record = await emu.CreateValidAsync("E1");
        using var patched = await emu.SendAsync(HttpMethod.Patch, "api/v1/staff/" + record["id"], new { title = "X" }, ("If-Match", tag));
        if (tag.Contains(' ', StringComparison.Ordinal))
        {
            await AssertProblem(patched, 400, "bad-request"); // a space is not an etagc: malformed
            return;
        }

        await AssertProblem(patched, 412, "precondition-failed");
        using var again = await emu.Http.GetAsync("api/v1/staff/" + record["id"]);
        Assert.Equal(1, (await TestEmulator.Json(again))["version"]!.GetValue<int>());
    }

    // 6. Deactivate and reactivate ignored the body and its content type.
    [Theory]
    [InlineData("deactivate", "text/plain", "x", 415, "unsupported-media-type")]
    [InlineData("reactivate", "application/xml", "<a/>", 415, "unsupported-media-type")]
    [InlineData("deactivate", "application/json", "{\"active\":true}", 400, "bad-request")]
    [InlineData("deactivate", "application/json", "[", 400, "bad-request")]
    public async Task DeactivateReactivate_RefuseABody_TheyDoNotTake(string action, string mediaType, string body, int status, string slug)
    {
        await using var emu = await TestEmulator.StartAsync();
        var record = await emu.CreateValidAsync("E1");
        using var response = await emu.SendAsync(HttpMethod.Post, $"api/v1/staff/{record["id"]}/{action}", body, ("If-Match", "\"1\""), mediaType);
        await AssertProblem(response, status, slug);

        using var empty = await emu.SendAsync(HttpMethod.Post, $"api/v1/staff/{record["id"]}/{action}", "{}", ("If-Match", "\"1\""));
        Assert.Equal(200, (int)empty.StatusCode);
    }

    // 7. updatedSince without an offset was read as UTC.
    [Theory]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-01T00:00:00 01:00")]
    [InlineData("2026-01-01 00:00:00Z")]
    [InlineData("2026-01-01T00:00:00z")]
    public async Task UpdatedSince_WithoutAnOffset_IsRejected(string value)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.Http.GetAsync("api/v1/staff?updatedSince=" + Uri.EscapeDataString(value));
        await AssertProblem(response, 400, "bad-request");
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00.123Z")]
    [InlineData("2026-01-01T01:00:00+01:00")]
    [InlineData("2025-12-31T19:00:00-05:00")]
    public async Task UpdatedSince_WithAnOffset_IsAccepted(string value)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.Http.GetAsync("api/v1/staff?updatedSince=" + Uri.EscapeDataString(value));
        Assert.Equal(200, (int)response.StatusCode);
    }

    // Decision 0009: a required name of spaces only is no name.
    [Theory]
    [InlineData(" ")]
    [InlineData("\t")]
    public async Task WhitespaceOnlyName_IsRejected(string name)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.CreateAsync(new { firstName = name, lastName = "B" }, Guid.NewGuid().ToString());
        await AssertProblem(response, 400, "validation");
    }

    // Decision 0009: lengths count code points, as JSON Schema's maxLength does. 100 emoji are 200 UTF-16 units.
    [Fact]
    public async Task Lengths_CountCodePoints()
    {
        await using var emu = await TestEmulator.StartAsync();
        var hundred = string.Concat(System.Linq.Enumerable.Repeat("\U0001F600", 100));
        using var ok = await emu.CreateAsync(new { firstName = hundred, lastName = "B" }, Guid.NewGuid().ToString());
        Assert.Equal(201, (int)ok.StatusCode);
        using var tooLong = await emu.CreateAsync(new { firstName = hundred + "x", lastName = "B" }, Guid.NewGuid().ToString());
        await AssertProblem(tooLong, 400, "validation");
    }

    // Decision 0009: absent and null are different members, so a replay that adds "title": null is another body.
    [Fact]
    public async Task Replay_WithAnAddedNullMember_IsAnotherBody()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var first = await emu.CreateAsync("{\"firstName\":\"A\",\"lastName\":\"B\"}", "k-null");
        Assert.Equal(201, (int)first.StatusCode);
        using var reordered = await emu.CreateAsync("{ \"lastName\":\"B\", \"firstName\":\"A\" }", "k-null");
        Assert.Equal(201, (int)reordered.StatusCode);
        Assert.True(reordered.Headers.Contains("Idempotent-Replayed"));
        using var withNull = await emu.CreateAsync("{\"firstName\":\"A\",\"lastName\":\"B\",\"title\":null}", "k-null");
        await AssertProblem(withNull, 422, "idempotency-key-reused");
    }

    // Decision 0009: a wrong method on a known path is 404 not-found, like an unknown route; Location is relative.
    [Fact]
    public async Task WrongMethod_Is404_AndLocationIsRelative()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var put = await emu.SendAsync(HttpMethod.Put, "api/v1/staff", "{}");
        await AssertProblem(put, 404, "not-found");
        using var created = await emu.CreateAsync(new { firstName = "A", lastName = "B" }, "k-loc");
        var location = created.Headers.Location!;
        Assert.False(location.IsAbsoluteUri);
        Assert.Equal("/api/v1/staff/" + (await TestEmulator.Json(created))["id"], location.OriginalString);
    }

    // Decision 0009: a well-formed cursor the server never issued is read as "after that id", not refused.
    [Fact]
    public async Task WellFormedCursor_NeverIssued_IsServed_GarbledIs400()
    {
        await using var emu = await TestEmulator.StartAsync();
        var neverIssued = Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:stf_a0000000zzzz")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var served = await emu.Http.GetAsync("api/v1/staff?cursor=" + neverIssued);
        Assert.Equal(200, (int)served.StatusCode);
        using var garbled = await emu.Http.GetAsync("api/v1/staff?cursor=%21%21");
        await AssertProblem(garbled, 400, "bad-request");
    }
}
