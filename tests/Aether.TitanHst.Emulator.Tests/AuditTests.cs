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

    /// <summary>A record at HS1/TCH (primary, 0.6) and MS1/TCH (0.4), version 1.</summary>
    private static async Task<string> CreateSplitAsync(TestEmulator emu)
    {
        using var created = await emu.CreateAsync(new
        {
            externalId = "E1",
            firstName = "Ana",
            lastName = "Lee",
            assignments = new object[]
            {
                new { siteCode = "HS1", roleCode = "TCH", primary = true, fte = 0.6 },
                new { siteCode = "MS1", roleCode = "TCH", primary = false, fte = 0.4 },
            },
        }, Guid.NewGuid().ToString());
        Assert.Equal(201, (int)created.StatusCode);
        return (await TestEmulator.Json(created))["id"]!.GetValue<string>();
    }

    private static string Assignments(JsonObject record) => string.Join("; ", record["assignments"]!.AsArray().Select(a =>
        $"{a!["siteCode"]}/{a["roleCode"]}{(a["primary"]!.GetValue<bool>() ? "*" : string.Empty)}@{a["fte"]?.ToJsonString() ?? "-"}"));

    // 3. {"siteCode":null} on a record with assignments left siteCode null while the primary was still HS1/TCH.
    [Theory]
    [InlineData("siteCode")]
    [InlineData("roleCode")]
    public async Task Null_SiteOrRole_OnARecordWithAssignments_IsRefused_UnlessTheWriteClearsThem(string member)
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await CreateSplitAsync(emu);
        using var refused = await emu.SendAsync(HttpMethod.Patch, "api/v1/staff/" + id, $"{{\"{member}\":null}}", ("If-Match", "\"1\""));
        var problem = await AssertProblem(refused, 400, "validation");
        Assert.NotNull(problem["errors"]![member]);
        using var unchanged = await emu.Http.GetAsync("api/v1/staff/" + id);
        var record = await TestEmulator.Json(unchanged);
        Assert.Equal((1, "HS1", "TCH"), (record["version"]!.GetValue<int>(), record["siteCode"]!.GetValue<string>(), record["roleCode"]!.GetValue<string>()));

        // Clearing the list in the same write is the way to drop both.
        using var cleared = await emu.SendAsync(HttpMethod.Patch, "api/v1/staff/" + id, $"{{\"{member}\":null,\"assignments\":[]}}", ("If-Match", "\"1\""));
        Assert.Equal(200, (int)cleared.StatusCode);
        var after = await TestEmulator.Json(cleared);
        Assert.Empty(after["assignments"]!.AsArray());
        Assert.Null(after[member]);
    }

    // 4. Moving the primary to a site the person already held as a secondary dropped that assignment (and its fte).
    [Fact]
    public async Task SiteCode_OfAHeldSecondaryAssignment_MakesItPrimary_AndKeepsTheFormerPrimary()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await CreateSplitAsync(emu);
        using var moved = await emu.SendAsync(HttpMethod.Patch, "api/v1/staff/" + id, new { siteCode = "MS1" }, ("If-Match", "\"1\""));
        Assert.Equal(200, (int)moved.StatusCode);
        var record = await TestEmulator.Json(moved);
        Assert.Equal("MS1/TCH*@0.4; HS1/TCH@0.6", Assignments(record));
        Assert.Equal(("MS1", "TCH"), (record["siteCode"]!.GetValue<string>(), record["roleCode"]!.GetValue<string>()));

        // A site and role the person does not hold: the primary item moves there, keeping its fte; nothing added or removed.
        using var elsewhere = await emu.SendAsync(HttpMethod.Patch, "api/v1/staff/" + id, new { siteCode = "ES1" }, ("If-Match", "\"2\""));
        Assert.Equal("ES1/TCH*@0.4; HS1/TCH@0.6", Assignments(await TestEmulator.Json(elsewhere)));
    }

    // 5. "fte": null was read as absent; §3.1 and the OpenAPI file say a number.
    [Fact]
    public async Task Fte_Null_IsAValidationError()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var created = await emu.CreateAsync(
            "{\"firstName\":\"A\",\"lastName\":\"B\",\"assignments\":[{\"siteCode\":\"HS1\",\"roleCode\":\"TCH\",\"primary\":true,\"fte\":null}]}",
            Guid.NewGuid().ToString());
        var problem = await AssertProblem(created, 400, "validation");
        Assert.NotNull(problem["errors"]!["assignments[0].fte"]);
    }

    private static string Seed(string staffJson)
    {
        var path = TestFiles.NewPath("titanhst-seed", ".json");
        System.IO.File.WriteAllText(path, "{\"roles\":[{\"code\":\"TCH\",\"name\":\"Teacher\",\"active\":true}],"
            + "\"sites\":[{\"code\":\"HS1\",\"name\":\"High\",\"active\":true},{\"code\":\"MS1\",\"name\":\"Middle\",\"active\":true}],"
            + "\"staff\":[" + staffJson + "]}");
        return path;
    }

    // 6. A seed record with "assignments": null crashed every read of it (a bare 500 without X-Request-Id).
    [Fact]
    public async Task SeedAssignments_Null_AreServedAsAnEmptyList()
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions
        {
            SeedFile = Seed("{\"id\":\"stf_a00000000001\",\"firstName\":\"A\",\"lastName\":\"B\",\"assignments\":null}"),
        });
        using var one = await emu.Http.GetAsync("api/v1/staff/stf_a00000000001");
        Assert.Equal(200, (int)one.StatusCode);
        Assert.Empty((await TestEmulator.Json(one))["assignments"]!.AsArray());
        using var list = await emu.Http.GetAsync("api/v1/staff");
        Assert.Empty((await TestEmulator.Json(list))["items"]![0]!["assignments"]!.AsArray());
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[{\"siteCode\":\"HS1\",\"primary\":true}]")]
    public async Task SeedAssignment_ThatCannotBeServed_RefusesTheSeed(string assignments)
    {
        var seed = Seed("{\"id\":\"stf_a00000000001\",\"firstName\":\"A\",\"lastName\":\"B\",\"assignments\":" + assignments + "}");
        var refused = await Assert.ThrowsAsync<System.IO.InvalidDataException>(() => EmulatorHost.StartAsync(new EmulatorOptions { SeedFile = seed }));
        Assert.Contains("stf_a00000000001", refused.Message, StringComparison.Ordinal);
    }

    // 6. Whatever fails inside the emulator still answers as §8 says: a server-error problem with X-Request-Id.
    [Fact]
    public async Task AnUnhandledException_IsAServerErrorProblem_WithRequestId()
    {
        var state = new EmulatorState(new EmulatorOptions(), TimeProvider.System);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { TraceIdentifier = "trace-1" };
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/staff";
        context.Request.Headers.Authorization = "Bearer " + state.Tokens.Issue(60);
        context.Response.Headers.ETag = "\"1\"";
        using var body = new System.IO.MemoryStream();
        context.Response.Body = body;

        await Infrastructure.ApiPipeline.InvokeAsync(context, _ => throw new InvalidOperationException("boom"), state);

        Assert.Equal(500, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal("trace-1", context.Response.Headers["X-Request-Id"].ToString());
        Assert.False(context.Response.Headers.ContainsKey("ETag"));
        var problem = JsonNode.Parse(body.ToArray())!;
        Assert.Equal(("https://errors.titanhst.example/server-error", "trace-1"), (problem["type"]!.GetValue<string>(), problem["traceId"]!.GetValue<string>()));
    }

    // 7. Seed assignments were served in file order; §3.1 says primary first, then by siteCode and roleCode.
    [Fact]
    public async Task SeedAssignments_AreServedPrimaryFirst()
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions
        {
            SeedFile = Seed("{\"id\":\"stf_a00000000001\",\"firstName\":\"A\",\"lastName\":\"B\",\"siteCode\":\"MS1\",\"roleCode\":\"TCH\",\"assignments\":["
                + "{\"siteCode\":\"HS1\",\"roleCode\":\"TCH\",\"primary\":false,\"fte\":0.4},{\"siteCode\":\"MS1\",\"roleCode\":\"TCH\",\"primary\":true,\"fte\":0.6}]}"),
        });
        using var one = await emu.Http.GetAsync("api/v1/staff/stf_a00000000001");
        Assert.Equal("MS1/TCH*@0.6; HS1/TCH@0.4", Assignments(await TestEmulator.Json(one)));
    }

    // 8. A seed updatedAt of ...30.1239Z was served as ...30.123Z but compared with its hidden 0.0009 s.
    [Theory]
    [InlineData("2026-01-15T10:20:30.1235Z", false)]
    [InlineData("2026-01-15T10:20:30.12301Z", false)]
    [InlineData("2026-01-15T10:20:30.123Z", true)]
    public async Task UpdatedSince_ComparesAtTheServedPrecision(string since, bool returned)
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions
        {
            SeedFile = Seed("{\"id\":\"stf_a00000000001\",\"firstName\":\"A\",\"lastName\":\"B\",\"createdAt\":\"2026-01-15T10:20:30.1239Z\",\"updatedAt\":\"2026-01-15T10:20:30.1239Z\"}"),
        });
        using var list = await emu.Http.GetAsync("api/v1/staff?updatedSince=" + Uri.EscapeDataString(since));
        var items = (await TestEmulator.Json(list))["items"]!.AsArray();
        Assert.Equal(returned, items.Count == 1);
        using var one = await emu.Http.GetAsync("api/v1/staff/stf_a00000000001");
        Assert.Equal("2026-01-15T10:20:30.123Z", (await TestEmulator.Json(one))["updatedAt"]!.GetValue<string>());
    }

    // Audit: these match the documented pattern but name no instant; §4.1 now says they are 400 (leap seconds included).
    [Theory]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-01-01T24:00:00Z")]
    public async Task UpdatedSince_ThatNamesNoInstant_IsBadRequest(string since)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.Http.GetAsync("api/v1/staff?updatedSince=" + Uri.EscapeDataString(since));
        await AssertProblem(response, 400, "bad-request");
    }
}
