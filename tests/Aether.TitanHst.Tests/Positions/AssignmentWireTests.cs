using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Target;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.Positions;

/// <summary>Assignments over the wire (API §3.1): the client writes the array, the emulator validates and mirrors, snapshots keep them.</summary>
public sealed class AssignmentWireTests
{
    private static TargetStaffDraft Draft(string externalId, string? assignments) => new(externalId, new Dictionary<string, string?>
    {
        ["firstName"] = "Ana",
        ["lastName"] = "Pena",
        ["assignments"] = assignments,
    });

    [Fact]
    public async Task Create_and_patch_write_the_list_and_siteCode_roleCode_mirror_the_primary()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var client = emu.Client();

        var created = await client.CreateStaffAsync(Draft("P-1", "HS1/TCH*@0.6; MS1/TCH@0.4"));
        Assert.Equal("HS1/TCH*@0.6; MS1/TCH@0.4", created.Record!["assignments"]);
        Assert.Equal("HS1", created.Record["siteCode"]);
        Assert.Equal("TCH", created.Record["roleCode"]);

        // A merge patch replaces the whole list: the primary moves to MS1 and HS1 is gone.
        var patched = await client.PatchStaffAsync(created.Record.Id, created.Record.ETag, new TargetStaffChanges().Set("assignments", "MS1/TCH*; MS1/CCH@0.1"));
        Assert.Equal("MS1/TCH*; MS1/CCH@0.1", patched.Record!["assignments"]);
        Assert.Equal("MS1", patched.Record["siteCode"]);

        // The same set again changes nothing: the version stays.
        var again = await client.PatchStaffAsync(patched.Record.Id, patched.Record.ETag, new TargetStaffChanges().Set("assignments", "MS1/TCH*; MS1/CCH@0.1"));
        Assert.Equal(patched.Record.Version, again.Record!.Version);

        var read = await client.GetStaffAsync(created.Record.Id);
        Assert.Equal("MS1/TCH*; MS1/CCH@0.1", read["assignments"]);
    }

    [Fact]
    public async Task A_v1_record_reads_with_no_assignments_and_a_v1_site_write_moves_the_primary()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var client = emu.Client();
        var v1 = client.EnumerateStaff(StaffQuery.All).Single();
        Assert.Null(v1["assignments"]);

        var created = await client.CreateStaffAsync(Draft("P-2", "HS1/TCH*; MS1/CCH"));
        var moved = await client.PatchStaffAsync(created.Record!.Id, created.Record.ETag, new TargetStaffChanges().Set("siteCode", "MS1"));
        Assert.Equal("MS1/TCH*; MS1/CCH", moved.Record!["assignments"]);
    }

    [Theory]
    [InlineData("HS1/TCH*; MS1/TCH*", "assignments")]
    [InlineData("HS1/TCH; MS1/TCH", "assignments")]
    [InlineData("XX9/TCH*", "assignments[0].siteCode")]
    [InlineData("HS1/NOPE*", "assignments[0].roleCode")]
    public async Task The_emulator_refuses_a_list_the_API_document_forbids(string assignments, string member)
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var client = emu.Client();
        var ex = await Assert.ThrowsAsync<TitanHstApiException>(() => client.CreateStaffAsync(Draft("P-3", assignments)));
        Assert.Equal(TitanHstErrorKind.Validation, ex.Kind);
        Assert.Contains(member, ex.FieldErrors.Keys);
    }

    [Fact]
    public async Task A_siteCode_that_disagrees_with_the_primary_is_refused()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var client = emu.Client();
        var draft = new TargetStaffDraft("P-4", new Dictionary<string, string?> { ["firstName"] = "A", ["lastName"] = "B", ["siteCode"] = "MS1", ["assignments"] = "HS1/TCH*" });
        var ex = await Assert.ThrowsAsync<TitanHstApiException>(() => client.CreateStaffAsync(draft));
        Assert.Equal(TitanHstErrorKind.Validation, ex.Kind);
    }

    [Fact]
    public async Task Assignments_round_trip_through_a_snapshot()
    {
        await using var emu = await TestTitanHst.StartAsync(1);
        using var client = emu.Client();
        await client.CreateStaffAsync(Draft("P-5", "HS1/TCH*@0.5; MS1/CCH@0.25"));
        var path = Path.Combine(Path.GetTempPath(), "titanhst-positions-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var listed = client.EnumerateStaff(StaffQuery.All).ToList();
            using (var writer = new TargetSnapshotWriter(path, new TargetSnapshotHeader(DateTimeOffset.UtcNow, emu.BaseUri.ToString(), TargetSnapshotScope.All, "1.0", "2026-02")))
            {
                listed.ForEach(writer.Write);
                writer.Complete();
            }

            using var reader = TargetSnapshotReader.Open(path);
            var read = reader.ReadRecords().Single(r => r.ExternalId == "P-5");
            Assert.Equal("HS1/TCH*@0.5; MS1/CCH@0.25", read["assignments"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
