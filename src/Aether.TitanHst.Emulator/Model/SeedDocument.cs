using System.Collections.Generic;

namespace Aether.TitanHst.Emulator.Model;

/// <summary>The seed/state file (docs/emulator.md): reference data and staff records.</summary>
internal sealed class SeedDocument
{
    public List<CodeItem> Roles { get; set; } = new();
    public List<CodeItem> Sites { get; set; } = new();
    public List<StaffRecord> Staff { get; set; } = new();
}
