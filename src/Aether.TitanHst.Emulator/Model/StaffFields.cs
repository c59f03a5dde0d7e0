using System;
using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Emulator.Model;

/// <summary>The staff schema of docs/titanhst-api.md §3: one table drives validation, patching and /schema.</summary>
internal static class StaffFields
{
    public static readonly IReadOnlyList<StaffField> Writable = new[]
    {
        new StaffField("externalId", 64, false, "externalId", r => r.ExternalId, (r, v) => r with { ExternalId = v }),
        new StaffField("firstName", 100, true, null, r => r.FirstName, (r, v) => r with { FirstName = v }),
        new StaffField("lastName", 100, true, null, r => r.LastName, (r, v) => r with { LastName = v }),
        new StaffField("email", 254, false, "email", r => r.Email, (r, v) => r with { Email = v }),
        new StaffField("username", 64, false, null, r => r.Username, (r, v) => r with { Username = v }),
        new StaffField("title", 128, false, null, r => r.Title, (r, v) => r with { Title = v }),
        new StaffField("roleCode", 32, false, "role", r => r.RoleCode, (r, v) => r with { RoleCode = v }),
        new StaffField("siteCode", 32, false, "site", r => r.SiteCode, (r, v) => r with { SiteCode = v }),
        new StaffField("hireDate", 10, false, "date", r => r.HireDate, (r, v) => r with { HireDate = v }),
        new StaffField("phone", 32, false, null, r => r.Phone, (r, v) => r with { Phone = v }),
        new StaffField("badgeNumber", 32, false, null, r => r.BadgeNumber, (r, v) => r with { BadgeNumber = v }),
        new StaffField("notes", 2000, false, null, r => r.Notes, (r, v) => r with { Notes = v }),
    };

    public static readonly IReadOnlyDictionary<string, StaffField> ByName =
        Writable.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Members a client may read but never send.</summary>
    public static readonly IReadOnlySet<string> ReadOnly =
        new HashSet<string>(StringComparer.Ordinal) { "id", "version", "createdAt", "updatedAt", "etag" };
}
