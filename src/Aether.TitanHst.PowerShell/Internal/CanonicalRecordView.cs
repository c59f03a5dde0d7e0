using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>
    /// Presents a canonical record to PowerShell with one property per contract field, so that
    /// <c>Select-Object</c>, <c>Where-Object</c> and <c>Export-Csv</c> work on field names directly.
    /// </summary>
    /// <remarks>A plain property bag rather than the engine object, so Export-Csv shows fields, not internals.</remarks>
    internal static class CanonicalRecordView
    {
        internal const string TypeName = "Aether.TitanHst.CanonicalStaffRecord";

        internal static PSObject Wrap(CanonicalStaffRecord record)
        {
            var ps = new PSObject();
            ps.TypeNames.Insert(0, TypeName);
            ps.Properties.Add(new PSNoteProperty(nameof(record.ExternalId), record.ExternalId));
            foreach (var field in record.Fields)
            {
                ps.Properties.Add(new PSNoteProperty(field.Key, field.Value));
            }

            ps.Properties.Add(new PSNoteProperty("Sources", string.Join("; ", record.Provenance.Select(p => p.ToString()))));
            return ps;
        }
    }
}
