using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

public sealed class CreateTests
{
    private static readonly object Ana = new { externalId = "E1", firstName = "Ana", lastName = "Lee", email = "ana@d.example", hireDate = "2020-08-12" };

    [Fact]
    public async Task Create_ReplaysWithSameKey_AndCreatesOnce()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var first = await emu.CreateAsync(Ana, "key-1");
        Assert.Equal(201, (int)first.StatusCode);
        Assert.Equal("\"1\"", first.Headers.ETag!.ToString());
        var created = await TestEmulator.Json(first);
        var id = created["id"]!.GetValue<string>();
        Assert.Matches("^stf_[0-9a-z]{12}$", id);
        Assert.Equal("/api/v1/staff/" + id, first.Headers.Location!.OriginalString);

        // Same members in another order: still the same body.
        using var again = await emu.CreateAsync("{\"hireDate\":\"2020-08-12\",\"email\":\"ana@d.example\",\"lastName\":\"Lee\",\"firstName\":\"Ana\",\"externalId\":\"E1\"}", "key-1");
        Assert.Equal(201, (int)again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await TestEmulator.Json(again))["id"]!.GetValue<string>());
        Assert.Equal(1, emu.Host.State.Store.Count);

        using var reused = await emu.CreateAsync(new { firstName = "Other", lastName = "Body" }, "key-1");
        Assert.Equal(422, (int)reused.StatusCode);
    }

    [Fact]
    public async Task Create_WithoutKey_Is400()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.CreateAsync(Ana);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.EndsWith("/idempotency-key-missing", (await TestEmulator.Json(response))["type"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DuplicateExternalId_Is409_WithConflictingId()
    {
        await using var emu = await TestEmulator.StartAsync();
        var existing = await emu.CreateValidAsync("E1");
        using var response = await emu.CreateAsync(Ana, "key-2");
        Assert.Equal(409, (int)response.StatusCode);
        Assert.Equal(existing["id"]!.GetValue<string>(), (await TestEmulator.Json(response))["conflictingId"]!.GetValue<string>());

        // A failed create leaves the key unused: the same key works once the conflict is gone.
        using var other = await emu.CreateAsync(new { externalId = "E2", firstName = "B", lastName = "C" }, "key-2");
        Assert.Equal(201, (int)other.StatusCode);
    }

    [Fact]
    public async Task Create_Invalid_Is400_WithFieldErrors()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.CreateAsync(new
        {
            firstName = "", email = "not-an-email", hireDate = "2020-02-30", roleCode = "NOPE", siteCode = "HS1", id = "x", colour = "red",
        }, "k");
        Assert.Equal(400, (int)response.StatusCode);
        var errors = (await TestEmulator.Json(response))["errors"]!.AsObject();
        Assert.Equal(new[] { "colour", "email", "firstName", "hireDate", "id", "lastName", "roleCode" }, errors.Select(e => e.Key).Order().ToArray());
        Assert.Equal(0, emu.Host.State.Store.Count);
    }

    [Fact]
    public async Task Create_WrongContentType_Is415()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.SendAsync(HttpMethod.Post, "api/v1/staff", "firstName=A", ("Idempotency-Key", "k"), "text/plain");
        Assert.Equal(415, (int)response.StatusCode);
    }
}
