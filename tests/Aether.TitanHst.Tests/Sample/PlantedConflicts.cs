using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Aether.TitanHst.Tests.Sample
{
    /// <summary>
    /// The sample district plants a person whose HR rows claim two primary positions (decision 0011): a record that
    /// cannot be built stops every unattended sync. Tests that need a sync to go through settle it the way HR would:
    /// the later row is no longer primary. (Only the PrimaryFlag column changes; the file has no quoted fields.)
    /// </summary>
    internal static class PlantedConflicts
    {
        internal static void ResolvePrimaryConflict(string districtPath)
        {
            var path = Path.Combine(districtPath, "exports", "hr-positions.csv");
            var lines = File.ReadAllLines(path);
            var header = lines[0].Split(',');
            var emp = Array.IndexOf(header, "EmpID");
            var flag = Array.IndexOf(header, "PrimaryFlag");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 1; i < lines.Length; i++)
            {
                var cells = lines[i].Split(',');
                if (cells.Length == header.Length && cells[flag] == "Y" && !seen.Add(cells[emp]))
                {
                    cells[flag] = "N";
                    lines[i] = string.Join(",", cells);
                }
            }

            File.WriteAllLines(path, lines);
        }
    }
}
