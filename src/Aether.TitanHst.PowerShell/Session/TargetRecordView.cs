using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.PowerShell.Session
{
    /// <summary>
    /// Presents a target record to PowerShell as itself (so later cmdlets receive the typed object) plus one note
    /// property per TitanHST field, so <c>Select-Object firstName</c> and <c>Where-Object roleCode -eq TCH</c> work.
    /// </summary>
    internal static class TargetRecordView
    {
        // A field that shares a name with a record property (PowerShell names are case-insensitive) stays
        // reachable through Fields; the property wins.
        private static readonly HashSet<string> Reserved = new(
            typeof(TargetStaffRecord).GetProperties().Select(p => p.Name),
            StringComparer.OrdinalIgnoreCase);

        internal static PSObject Wrap(TargetStaffRecord record)
        {
            var ps = PSObject.AsPSObject(record);
            foreach (var field in record.Fields)
            {
                if (!Reserved.Contains(field.Key))
                {
                    ps.Properties.Add(new PSNoteProperty(field.Key, field.Value));
                }
            }

            return ps;
        }
    }
}
