namespace Aether.TitanHst.Emulator.Model;

/// <summary>A role or site: reference data that staff records point at by code.</summary>
internal sealed record CodeItem(string Code, string Name, bool Active);
