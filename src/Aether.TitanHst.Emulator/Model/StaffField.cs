using System;

namespace Aether.TitanHst.Emulator.Model;

/// <summary>How one writable string member of the staff record is named, bounded, checked and set.</summary>
internal sealed class StaffField
{
    public StaffField(string name, int maxLength, bool required, string? format,
        Func<StaffRecord, string?> get, Func<StaffRecord, string?, StaffRecord> set)
    {
        Name = name;
        MaxLength = maxLength;
        Required = required;
        Format = format;
        Get = get;
        Set = set;
    }

    public string Name { get; }
    public int MaxLength { get; }
    public bool Required { get; }
    /// <summary>null, "email", "date" or "externalId" (pattern), "role" or "site" (reference codes).</summary>
    public string? Format { get; }
    public Func<StaffRecord, string?> Get { get; }
    public Func<StaffRecord, string?, StaffRecord> Set { get; }
}
