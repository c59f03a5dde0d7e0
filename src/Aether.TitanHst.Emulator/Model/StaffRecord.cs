using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Emulator.Model;

/// <summary>
/// One staff record as TitanHST stores it. Immutable: a change replaces the record, so a reader holding an
/// old reference (a list page being serialized, an export) never sees a half-applied update.
/// Also the seed-file shape, so a million records are deserialized straight into their final form.
/// </summary>
internal sealed record StaffRecord
{
    public string Id { get; init; } = string.Empty;
    public string? ExternalId { get; init; }
    public bool Active { get; init; } = true;
    public int Version { get; init; } = 1;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Username { get; init; }
    public string? Title { get; init; }
    public string? RoleCode { get; init; }
    public string? SiteCode { get; init; }
    public string? HireDate { get; init; }
    public string? Phone { get; init; }
    public string? BadgeNumber { get; init; }
    public string? Notes { get; init; }

    /// <summary>Sorted primary first, then by site and role; siteCode/roleCode mirror the primary when not empty.</summary>
    public IReadOnlyList<StaffAssignment> Assignments { get; init; } = Array.Empty<StaffAssignment>();
}
