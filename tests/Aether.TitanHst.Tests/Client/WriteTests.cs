using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Client;

public sealed class WriteTests
{
    private static TargetStaffDraft Draft(string externalId) => new(externalId, new Dictionary<string, string?>
    {
        ["firstName"] = "Ana",
        ["lastName"] = "García",
        ["email"] = "ana.garcia@district.example",
        ["roleCode"] = "TCH",
        ["siteCode"] = "HS1",
        ["phone"] = null,
    });

    [Fact]
    public async Task Create_Patch_Deactivate_Reactivate_Delete_RoundTrip()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var client = emu.Client();

        var created = await client.CreateStaffAsync(Draft("X-1"));
        Assert.False(created.Replayed);
        Assert.Equal("\"1\"", created.Record!.ETag);
        Assert.Equal("García", created.Record["lastName"]);

        var patched = await client.PatchStaffAsync(created.Record.Id, created.Record.ETag, new TargetStaffChanges().Set("title", "Coach").Set("email", null));
        Assert.Equal("Coach", patched.Record!["title"]);
        Assert.Null(patched.Record["email"]);
        Assert.Equal(2, patched.Record.Version);

        var off = await client.DeactivateStaffAsync(patched.Record.Id, patched.Record.ETag);
        Assert.False(off.Record!.Active);
        var on = await client.ReactivateStaffAsync(off.Record.Id, off.Record.ETag);
        Assert.True(on.Record!.Active);

        var deleted = await client.DeleteStaffAsync(on.Record.Id, on.Record.ETag);
        Assert.Null(deleted.Record);
        Assert.Equal(1, deleted.Attempts);
        var gone = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffAsync(on.Record.Id));
        Assert.Equal(TitanHstErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task DroppedCreate_IsRetriedWithTheSameKey_AndCreatesOneRecord()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        // The emulator creates the record, then drops the connection; TitanHST recovers for the retry.
        await emu.ConfigureAsync(new { faultRate = 1.0, faultMix = "drop=1" });
        using var handler = new RecordingHandler { OnFailure = _ => emu.ConfigureAsync(new { faultRate = 0.0 }) };
        using var client = emu.Client(handler: handler);

        var result = await client.CreateStaffAsync(Draft("X-DROP"), "key-drop-1");

        var posts = handler.Api.Where(e => e.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(posts[0].Failed);
        Assert.All(posts, p => Assert.Equal("key-drop-1", p.IdempotencyKey));
        Assert.True(result.Replayed);
        Assert.Equal(2, result.Attempts);
        Assert.Equal("key-drop-1", result.IdempotencyKey);
        var matching = client.EnumerateStaff(StaffQuery.All).Where(r => r.ExternalId == "X-DROP").ToList();
        Assert.Single(matching);
        Assert.Equal(result.Record!.Id, matching[0].Id);
    }

    [Fact]
    public async Task DroppedPatch_RetryGets412_ButTheWriteIsFoundInPlace()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var handler = new RecordingHandler { OnFailure = _ => emu.ConfigureAsync(new { faultRate = 0.0 }) };
        using var client = emu.Client(handler: handler);
        var record = client.EnumerateStaff(StaffQuery.All).Single();
        await emu.ConfigureAsync(new { faultRate = 1.0, faultMix = "drop=1" });

        var result = await client.PatchStaffAsync(record.Id, record.ETag, new TargetStaffChanges().Set("title", "Principal"));

        Assert.True(result.ResolvedAfterRetry);
        Assert.Equal("Principal", result.Record!["title"]);
        Assert.Contains(handler.Api, e => e.Method == "PATCH" && e.Status == 412);
    }

    [Fact]
    public async Task StaleIfMatch_Is412PreconditionFailed_NotRetried()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var handler = new RecordingHandler();
        using var client = emu.Client(handler: handler);
        var record = client.EnumerateStaff(StaffQuery.All).Single();
        await emu.TouchAsync(record.Id);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.PatchStaffAsync(record.Id, record.ETag, new TargetStaffChanges().Set("title", "X")));

        Assert.Equal(TitanHstErrorKind.PreconditionFailed, e.Kind);
        Assert.Equal(412, e.StatusCode);
        Assert.Equal("precondition-failed", e.ProblemType);
        Assert.Equal(record.Version + 1, e.CurrentVersion);
        Assert.Equal(1, e.Attempts);
        Assert.Single(handler.Api, x => x.Method == "PATCH");
        await Assert.ThrowsAsync<TitanHstApiException>(() => client.DeleteStaffAsync(record.Id, record.ETag));
    }

    [Fact]
    public async Task Validation_And_ExternalIdConflict_AreTyped()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var client = emu.Client();
        var existing = client.EnumerateStaff(StaffQuery.All).Single();

        var invalid = await Assert.ThrowsAsync<TitanHstApiException>(() => client.CreateStaffAsync(new TargetStaffDraft("X-2", new Dictionary<string, string?> { ["firstName"] = "A", ["lastName"] = "B", ["email"] = "not-an-email" })));
        var conflict = await Assert.ThrowsAsync<TitanHstApiException>(() => client.CreateStaffAsync(Draft(existing.ExternalId!)));

        Assert.Equal(TitanHstErrorKind.Validation, invalid.Kind);
        Assert.True(invalid.FieldErrors.ContainsKey("email"));
        Assert.Contains("email", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(TitanHstErrorKind.Conflict, conflict.Kind);
        Assert.Equal(existing.Id, conflict.ConflictingId);
        Assert.Equal(1, conflict.Attempts);
    }
}
