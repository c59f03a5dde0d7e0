using System;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

public sealed class ConditionalUpdateTests
{
    private static (string, string) IfMatch(JsonNode record) => ("If-Match", $"\"{record["version"]}\"");

    [Fact]
    public async Task Patch_WithoutIfMatch_Is428_StaleIs412()
    {
        await using var emu = await TestEmulator.StartAsync();
        var record = await emu.CreateValidAsync("E1");
        var path = "api/v1/staff/" + record["id"];
        using var missing = await emu.SendAsync(HttpMethod.Patch, path, new { title = "X" });
        Assert.Equal(428, (int)missing.StatusCode);

        using var stale = await emu.SendAsync(HttpMethod.Patch, path, new { title = "X" }, ("If-Match", "\"7\""));
        Assert.Equal(412, (int)stale.StatusCode);
        Assert.Equal(1, (await TestEmulator.Json(stale))["currentVersion"]!.GetValue<int>());

        using var weak = await emu.SendAsync(HttpMethod.Patch, path, new { title = "X" }, ("If-Match", "W/\"1\""));
        Assert.Equal(400, (int)weak.StatusCode);
    }

    [Fact]
    public async Task Patch_IsMergePatch_OnlyGivenFieldsChange_NullClears()
    {
        await using var emu = await TestEmulator.StartAsync();
        var record = await emu.CreateValidAsync("E1");
        var path = "api/v1/staff/" + record["id"];
        using var patched = await emu.SendAsync(HttpMethod.Patch, path, "{\"title\":\"Coach\",\"siteCode\":null}", IfMatch(record),
            "application/merge-patch+json");
        Assert.Equal(200, (int)patched.StatusCode);
        Assert.Equal("\"2\"", patched.Headers.ETag!.ToString());
        var after = await TestEmulator.Json(patched);
        Assert.Equal("Coach", after["title"]!.GetValue<string>());
        Assert.Null(after["siteCode"]);
        Assert.Equal("Ana", after["firstName"]!.GetValue<string>());
        Assert.Equal("TCH", after["roleCode"]!.GetValue<string>());

        using var same = await emu.SendAsync(HttpMethod.Patch, path, new { title = "Coach" }, IfMatch(after));
        Assert.Equal(2, (await TestEmulator.Json(same))["version"]!.GetValue<int>());

        using var active = await emu.SendAsync(HttpMethod.Patch, path, new { active = false }, IfMatch(after));
        Assert.Equal(400, (int)active.StatusCode);
    }

    [Fact]
    public async Task Deactivate_Reactivate_Delete()
    {
        await using var emu = await TestEmulator.StartAsync();
        var record = await emu.CreateValidAsync("E1");
        var path = "api/v1/staff/" + record["id"];
        using var off = await emu.SendAsync(HttpMethod.Post, path + "/deactivate", null, IfMatch(record));
        var inactive = await TestEmulator.Json(off);
        Assert.False(inactive["active"]!.GetValue<bool>());
        Assert.Equal(2, inactive["version"]!.GetValue<int>());

        using var on = await emu.SendAsync(HttpMethod.Post, path + "/reactivate", null, IfMatch(inactive));
        var active = await TestEmulator.Json(on);
        Assert.True(active["active"]!.GetValue<bool>());

        using var staleDelete = await emu.SendAsync(HttpMethod.Delete, path, null, IfMatch(record));
        Assert.Equal(412, (int)staleDelete.StatusCode);
        using var delete = await emu.SendAsync(HttpMethod.Delete, path, null, IfMatch(active));
        Assert.Equal(204, (int)delete.StatusCode);
        using var gone = await emu.Http.GetAsync(path);
        Assert.Equal(404, (int)gone.StatusCode);
        using var byExternal = await emu.Http.GetAsync("api/v1/staff/by-external-id/E1");
        Assert.Equal(404, (int)byExternal.StatusCode);
        await emu.CreateValidAsync("E1"); // the externalId is free again
    }

    [Fact]
    public async Task Touch_BumpsVersion_SoTheClientsETagIsStale()
    {
        await using var emu = await TestEmulator.StartAsync();
        var record = await emu.CreateValidAsync("E1");
        using var touched = await emu.SendAsync(HttpMethod.Post, $"_emulator/staff/{record["id"]}/touch", new { notes = "admin" });
        Assert.Equal("\"2\"", touched.Headers.ETag!.ToString());

        using var byExternal = await emu.Http.GetAsync("api/v1/staff/by-external-id/E1");
        Assert.Equal("admin", (await TestEmulator.Json(byExternal))["notes"]!.GetValue<string>());

        using var stale = await emu.SendAsync(HttpMethod.Patch, "api/v1/staff/" + record["id"], new { title = "X" }, IfMatch(record));
        Assert.Equal(412, (int)stale.StatusCode);
    }
}
