using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

public sealed class PagingTests
{
    [Theory]
    [InlineData(1000)]
    [InlineData(333)]
    public async Task Paging_Through2500_ReturnsEachRecordOnce_InIdOrder(int limit)
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions { SeedFile = TestEmulator.SeedFile(2500) });
        var ids = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var response = await emu.Http.GetAsync($"api/v1/staff?limit={limit}" + (cursor is null ? "" : "&cursor=" + cursor));
            var page = await TestEmulator.Json(response);
            var items = page["items"]!.AsArray();
            Assert.All(items, i => Assert.Equal($"\"{i!["version"]}\"", i!["etag"]!.GetValue<string>()));
            ids.AddRange(items.Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(2500, ids.Count);
        Assert.Equal(2500, ids.Distinct().Count());
        Assert.Equal(ids.OrderBy(i => i, System.StringComparer.Ordinal), ids);
        Assert.Equal((2500 + limit - 1) / limit, pages);
    }

    [Fact]
    public async Task Filters_ActiveAndExternalId()
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions { SeedFile = TestEmulator.SeedFile(300, i => i % 3 != 0) });
        var inactive = 0;
        string? cursor = null;
        do
        {
            using var response = await emu.Http.GetAsync("api/v1/staff?active=false&limit=7" + (cursor is null ? "" : "&cursor=" + cursor));
            var page = await TestEmulator.Json(response);
            Assert.All(page["items"]!.AsArray(), i => Assert.False(i!["active"]!.GetValue<bool>()));
            inactive += page["items"]!.AsArray().Count;
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        Assert.Equal(100, inactive);

        using var one = await emu.Http.GetAsync("api/v1/staff?externalId=E0000042");
        var found = (await TestEmulator.Json(one))["items"]!.AsArray();
        Assert.Equal("E0000042", Assert.Single(found)!["externalId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("cursor=garbage")]
    [InlineData("active=yes")]
    [InlineData("updatedSince=notadate")]
    public async Task BadQuery_Is400(string query)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var response = await emu.Http.GetAsync("api/v1/staff?" + query);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.EndsWith("/bad-request", (await TestEmulator.Json(response))["type"]!.GetValue<string>(), System.StringComparison.Ordinal);
    }
}
