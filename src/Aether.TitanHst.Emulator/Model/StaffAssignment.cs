namespace Aether.TitanHst.Emulator.Model;

/// <summary>One item of a staff record's assignments (docs/titanhst-api.md §3.1, decision 0011). Value equality.</summary>
internal sealed record StaffAssignment(string SiteCode, string RoleCode, bool Primary, decimal? Fte);
