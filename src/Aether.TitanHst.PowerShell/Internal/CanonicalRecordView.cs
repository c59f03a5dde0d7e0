using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Reporting;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>
    /// Presents a canonical record to PowerShell with one property per contract field, so that
    /// <c>Select-Object</c>, <c>Where-Object</c> and <c>Export-Csv</c> work on field names directly.
    /// </summary>
    /// <remarks>
    /// A plain property bag rather than the engine object, so Export-Csv shows fields, not internals. Values are
    /// spreadsheet-safe text (a leading = + - @ tab or CR gets an apostrophe), as on change objects.
    /// </remarks>
    internal static class CanonicalRecordView
    {
        internal const string TypeName = "Aether.TitanHst.CanonicalStaffRecord";

        internal static PSObject Wrap(CanonicalStaffRecord record)
        {
            var ps = new PSObject();
            ps.TypeNames.Insert(0, TypeName);
            // Export-Csv writes these properties as they are: text a spreadsheet would run as a formula is neutralized.
            ps.Properties.Add(new PSNoteProperty(nameof(record.ExternalId), SpreadsheetSafe.Text(record.ExternalId)));
            foreach (var field in record.Fields)
            {
                ps.Properties.Add(new PSNoteProperty(field.Key, SpreadsheetSafe.Text(field.Value)));
            }

            ps.Properties.Add(new PSNoteProperty("Sources", string.Join("; ", record.Provenance.Select(p => p.ToString()))));
            return ps;
        }
    }
}
