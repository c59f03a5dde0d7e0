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
                    .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.Array => Assignments(p.Value),
                        _ => p.Value.GetString(),
                    }, StringComparer.Ordinal);
                return Record($"stf_{i:D12}", staff.GetProperty("externalId").GetString(), staff.GetProperty("active").GetBoolean(), fields);
            }).ToList();
        }

        /// <summary>A seed's assignments array as the client would read it: the core's canonical text (decision 0011).</summary>
        internal static string? Assignments(JsonElement array) => Aether.TitanHst.Positions.AssignmentSet.Of(array.EnumerateArray().Select(a => new Aether.TitanHst.Positions.Assignment(
            a.GetProperty("siteCode").GetString()!, a.GetProperty("roleCode").GetString()!, a.GetProperty("primary").GetBoolean(),
            a.TryGetProperty("fte", out var fte) ? fte.GetDecimal() : null))).Format();

        internal static TargetStaffRecord Record(string id, string? externalId, bool active, IReadOnlyDictionary<string, string?> fields, int version = 1) =>
            new(id, externalId, active, "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"", version, null, DateTimeOffset.UnixEpoch, fields);
    }
}
