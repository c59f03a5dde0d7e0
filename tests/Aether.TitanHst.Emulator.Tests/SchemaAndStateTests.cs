using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

public sealed class SchemaAndStateTests
{
    [Fact]
    public async Task Schema_ReportsVersions_AndEveryField()
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions { Settings = new EmulatorSettings { SchemaVersion = "2099-01" } });
        using var response = await emu.Http.GetAsync("api/v1/schema");
        var schema = await TestEmulator.Json(response);
        Assert.Equal("1.0", schema["apiVersion"]!.GetValue<string>());
        Assert.Equal("2099-01", schema["schemaVersion"]!.GetValue<string>());
        var names = schema["staffFields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(new[] { "id", "externalId", "active", "version", "createdAt", "updatedAt", "firstName", "lastName", "email", "username",
            "title", "roleCode", "siteCode", "hireDate", "phone", "badgeNumber", "notes", "assignments" }, names);
        // Decision 0011: an array member, never null in responses.
        var assignments = schema["staffFields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "assignments")!;
        Assert.Equal(("array", false), (assignments["type"]!.GetValue<string>(), assignments["nullable"]!.GetValue<bool>()));
        var firstName = schema["staffFields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "firstName")!;
        Assert.True(firstName["required"]!.GetValue<bool>());
        Assert.Equal(100, firstName["maxLength"]!.GetValue<int>());

        // Audit: every string has a maxLength; the timestamps' is 40 (docs §9, "Lengths of other values"), not null.
        var fields = schema["staffFields"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>().ToList();
        Assert.All(fields.Where(f => f["type"]!.GetValue<string>() == "string"), f => Assert.NotNull(f["maxLength"]));
        Assert.All(fields.Where(f => f["format"]?.GetValue<string>() == "date-time"), f => Assert.Equal(40, f["maxLength"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ReferenceData_ListsSeededCodes_AndInactiveCodesAreRejected()
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions { SeedFile = TestEmulator.SeedFile(1) });
        using var roles = await emu.Http.GetAsync("api/v1/roles");
        var codes = (await TestEmulator.Json(roles))["items"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()).ToArray();
        Assert.Equal(new[] { "OLD", "TCH" }, codes);
        using var create = await emu.CreateAsync(new { firstName = "A", lastName = "B", roleCode = "OLD" }, "k");
        Assert.Equal(400, (int)create.StatusCode);
    }

    [Fact]
    public async Task StateFile_SurvivesARestart()
    {
        var state = TestFiles.NewPath("titanhst-state", ".json");
        var options = new EmulatorOptions { SeedFile = TestEmulator.SeedFile(10), StateFile = state };
        string id;
        await using (var first = await TestEmulator.StartAsync(options))
        {
            id = (await first.CreateValidAsync("NEW1"))["id"]!.GetValue<string>();
        }

        Assert.True(File.Exists(state));
        await using var second = await TestEmulator.StartAsync(options);
        Assert.Equal(11, second.Host.State.Store.Count);
        using var response = await second.Http.GetAsync("api/v1/staff/" + id);
        Assert.Equal("NEW1", (await TestEmulator.Json(response))["externalId"]!.GetValue<string>());

        // The next id still sorts after every existing one.
        var next = (await second.CreateValidAsync("NEW2"))["id"]!.GetValue<string>();
        Assert.True(string.CompareOrdinal(next, id) > 0);

        using var export = await second.Http.GetAsync("_emulator/export");
        var exported = await TestEmulator.Json(export);
        Assert.Equal(12, exported["staff"]!.AsArray().Count);

        using var reset = await second.Http.PostAsync("_emulator/reset", null);
        Assert.Equal(10, (await TestEmulator.Json(reset))["staffCount"]!.GetValue<int>());
    }
}
