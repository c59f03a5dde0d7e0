using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Positions;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Bench
{
    /// <summary>
    /// Turns the sample district's "TitanHST yesterday" seed into a target snapshot, streaming, so the diff benchmark
    /// reads TitanHST the way an operator's offline diff does. Not timed.
    /// </summary>
    internal static class SeedSnapshot
    {
        private static readonly HashSet<string> Meta = new(StringComparer.Ordinal) { "id", "externalId", "active", "version", "createdAt", "updatedAt" };

        internal static void Convert(string seedPath, string snapshotPath)
        {
            var header = new TargetSnapshotHeader(DateTimeOffset.UtcNow, "seed:" + Path.GetFileName(seedPath), TargetSnapshotScope.All);
            using var writer = new TargetSnapshotWriter(snapshotPath, header);
            using var stream = File.OpenRead(seedPath);
            using var document = JsonDocument.Parse(stream);
            var index = 0;
            foreach (var staff in document.RootElement.GetProperty("staff").EnumerateArray())
            {
                var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var property in staff.EnumerateObject())
                {
                    if (!Meta.Contains(property.Name))
                    {
                        fields[property.Name] = property.Value.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.Array => Assignments(property.Value),
                            _ => property.Value.GetString(),
                        };
                    }
                }

                var id = "stf_" + (index++).ToString("D12", CultureInfo.InvariantCulture);
                var externalId = staff.GetProperty("externalId").ValueKind == JsonValueKind.Null ? null : staff.GetProperty("externalId").GetString();
                writer.Write(new TargetStaffRecord(id, externalId, staff.GetProperty("active").GetBoolean(), "\"1\"", 1, null, DateTimeOffset.UnixEpoch, fields));
            }

            writer.Complete();
        }

        // A seed's assignments array as the client reads it: the core's canonical text (decision 0011).
        private static string? Assignments(JsonElement array) => AssignmentSet.Of(array.EnumerateArray().Select(a => new Assignment(
            a.GetProperty("siteCode").GetString()!, a.GetProperty("roleCode").GetString()!, a.GetProperty("primary").GetBoolean(),
            a.TryGetProperty("fte", out var fte) ? fte.GetDecimal() : null))).Format();
    }
}
