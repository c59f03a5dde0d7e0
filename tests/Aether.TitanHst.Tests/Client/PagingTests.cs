using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.Tests.Client;

public sealed class PagingTests
{
    [Fact]
    public async Task EnumerateStaff_ThousandsOfRecords_EachExactlyOnce_InIdOrder()
    {
        await using var emu = await TestTitanHst.StartAsync(5000, active: i => i % 7 != 0);
        using var client = emu.Client();
        var pages = 0;

        var all = client.EnumerateStaff(new StaffQuery { PageSize = 137 }, _ => pages++).ToList();

        Assert.Equal(5000, all.Count);
        Assert.Equal(5000, all.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"E{i:D7}"), all.Select(r => r.ExternalId).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(all.Select(r => r.Id).OrderBy(x => x, StringComparer.Ordinal), all.Select(r => r.Id));
        Assert.True(pages >= 5000 / 137, $"{pages} pages");
        var first = all.Single(r => r.ExternalId == "E0000001");
        Assert.Equal("First1", first.Fields["firstName"]);
        Assert.Equal("Lást1", first["lastName"]);
        Assert.Null(first["phone"]);
        Assert.Equal("\"1\"", first.ETag);
        Assert.Equal(1, first.Version);
        Assert.False(first.Fields.ContainsKey("etag") || first.Fields.ContainsKey("id") || first.Fields.ContainsKey("version"));
    }

    [Fact]
    public async Task EnumerateStaff_ActiveFilter_ReturnsOnlyActive()
    {
        await using var emu = await TestTitanHst.StartAsync(1000, active: i => i % 4 != 0);
        using var client = emu.Client();

        var active = client.EnumerateStaff(new StaffQuery { Active = true, PageSize = 100 }).ToList();
        var inactive = client.EnumerateStaff(new StaffQuery { Active = false, PageSize = 100 }).ToList();

        Assert.Equal(750, active.Count);
        Assert.All(active, r => Assert.True(r.Active));
        Assert.Equal(250, inactive.Count);
        Assert.Empty(active.Select(r => r.Id).Intersect(inactive.Select(r => r.Id)));
    }

    [Fact]
    public async Task EnumerateStaff_IsLazy_OnePageAtATime()
    {
        await using var emu = await TestTitanHst.StartAsync(1000);
        using var client = emu.Client();
        var pages = new List<int>();

        var firstTen = client.EnumerateStaff(new StaffQuery { PageSize = 100 }, p => pages.Add(p.Items.Count)).Take(10).ToList();

        Assert.Equal(10, firstTen.Count);
        Assert.Equal(new[] { 100 }, pages);
        Assert.Equal(1, client.Statistics.Calls);
    }

    [Fact]
    public async Task GetById_AndByExternalId_CarryTheETagHeader()
    {
        await using var emu = await TestTitanHst.StartAsync(3);
        using var client = emu.Client();
        var listed = client.EnumerateStaff(StaffQuery.All).First();

        var byId = await client.GetStaffAsync(listed.Id);
        var byExternalId = await client.GetStaffByExternalIdAsync(listed.ExternalId!);

        Assert.Equal(listed.ETag, byId.ETag);
        Assert.Equal(listed.Id, byExternalId.Id);
        Assert.Equal(listed.Fields, byExternalId.Fields);
        var missing = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffByExternalIdAsync("NOPE-1"));
        Assert.Equal(TitanHstErrorKind.NotFound, missing.Kind);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("not-found", missing.ProblemType);
        Assert.Equal(1, missing.Attempts);
    }

    [Fact]
    public async Task ReferencesAndSchema_AreRead()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var client = emu.Client();

        var roles = await client.GetReferencesAsync(Target.TargetReferenceKind.Role);
        var sites = await client.GetReferencesAsync(Target.TargetReferenceKind.Site);
        var schema = await client.GetSchemaAsync();

        Assert.Contains(roles, r => r.Code == "TCH" && r.Active);
        Assert.Contains(sites, s => s.Code == "HS1");
        Assert.Equal("1.0", schema.ApiVersion);
        Assert.False(string.IsNullOrEmpty(schema.SchemaVersion));
        Assert.Contains(schema.Fields, f => f.Name == "firstName" && f.Required);
        Assert.Contains(schema.Fields, f => f.Name == "hireDate" && f.Format == "date");
    }
}
