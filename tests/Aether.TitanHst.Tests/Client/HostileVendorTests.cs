using System;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.Tests.Client;

/// <summary>Whatever answers at TitanHST's address: listings that would never end, writes answered with another record, ETags that disagree.</summary>
public sealed class HostileVendorTests
{
    private static string Record(string id, string externalId, string etag) =>
        "{\"id\":\"" + id + "\",\"externalId\":\"" + externalId + "\",\"active\":true,\"version\":1,\"updatedAt\":\"2026-01-01T00:00:00.000Z\",\"etag\":\"\\\"" + etag + "\\\"\",\"firstName\":\"A\"}";

    [Fact]
    public async Task A_cursor_that_comes_round_again_ends_the_listing()
    {
        // A -> B -> A: each cursor differs from the one before, so only remembering them all sees the cycle.
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token" ? CannedResponse.Token()
            : CannedResponse.Json(200, "{\"items\":[],\"nextCursor\":\"" + (r.Target.Contains("cursor=A", StringComparison.Ordinal) ? "B" : "A") + "\"}"));
        using var client = CannedClient.For(server.BaseUri);

        var e = Assert.Throws<TitanHstApiException>(() => client.EnumerateStaff(StaffQuery.All).ToList());

        Assert.Equal(TitanHstErrorKind.UnexpectedResponse, e.Kind);
        Assert.Contains("returned before", e.Message, StringComparison.Ordinal);
        Assert.True(server.Requests.Count(r => r.Path.EndsWith("/staff", StringComparison.Ordinal)) <= 3);
    }

    [Fact]
    public async Task Empty_pages_without_end_end_the_listing()
    {
        var n = 0;
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token" ? CannedResponse.Token()
            : CannedResponse.Json(200, "{\"items\":[],\"nextCursor\":\"c" + System.Threading.Interlocked.Increment(ref n) + "\"}"));
        using var client = CannedClient.For(server.BaseUri, o => o.MaxEmptyPagesInARow = 25);

        var e = Assert.Throws<TitanHstApiException>(() => client.EnumerateStaff(StaffQuery.All).ToList());

        Assert.Equal(TitanHstErrorKind.UnexpectedResponse, e.Kind);
        Assert.Contains("25 empty pages in a row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_answered_with_another_record_is_a_vendor_fault_not_this_persons_record()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token" ? CannedResponse.Token()
            : CannedResponse.Json(r.Method == "POST" ? 201 : 200, Record("stf_other", "E9", "1"), ("ETag", "\"1\"")));
        using var client = CannedClient.For(server.BaseUri);

        var patch = await Assert.ThrowsAsync<TitanHstApiException>(() => client.PatchStaffAsync("stf_mine", "\"1\"", new Target.TargetStaffChanges(new System.Collections.Generic.Dictionary<string, string?> { ["firstName"] = "B" })));
        Assert.Equal(TitanHstErrorKind.UnexpectedResponse, patch.Kind);
        Assert.Contains("answered with record stf_other", patch.Message, StringComparison.Ordinal);

        var create = await Assert.ThrowsAsync<TitanHstApiException>(() => client.CreateStaffAsync(new Target.TargetStaffDraft("E1", new System.Collections.Generic.Dictionary<string, string?> { ["firstName"] = "B" }), "key-1"));
        Assert.Equal(TitanHstErrorKind.UnexpectedResponse, create.Kind);
        Assert.Contains("another externalId", create.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_whose_etag_member_and_ETag_header_differ_is_a_vendor_fault()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token" ? CannedResponse.Token()
            : CannedResponse.Json(200, Record("stf_1", "E1", "6"), ("ETag", "\"1\"")));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffAsync("stf_1"));

        Assert.Equal(TitanHstErrorKind.UnexpectedResponse, e.Kind);
        Assert.Contains("differ", e.Message, StringComparison.Ordinal);
    }
}
