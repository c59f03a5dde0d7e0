using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>Reads an emulator seed file ("what TitanHST holds") as target records, for diffs without a server.</summary>
    internal static class SeedTarget
    {
        private static readonly HashSet<string> Meta = new(StringComparer.Ordinal) { "id", "externalId", "active", "version", "createdAt", "updatedAt" };

        internal static List<TargetStaffRecord> Load(string path)
        {
            using var seed = JsonDocument.Parse(File.ReadAllBytes(path));
            return seed.RootElement.GetProperty("staff").EnumerateArray().Select((staff, i) =>
            {
                var fields = staff.EnumerateObject().Where(p => !Meta.Contains(p.Name))
                    .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString(), StringComparer.Ordinal);
                return Record($"stf_{i:D12}", staff.GetProperty("externalId").GetString(), staff.GetProperty("active").GetBoolean(), fields);
            }).ToList();
        }

        internal static TargetStaffRecord Record(string id, string? externalId, bool active, IReadOnlyDictionary<string, string?> fields, int version = 1) =>
            new(id, externalId, active, "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"", version, null, DateTimeOffset.UnixEpoch, fields);
    }
}
