using System;
using System.Text;

namespace Aether.TitanHst.Sample
{
    /// <summary>
    /// Writes exports/hr-employees.csv in the shape of an Escape/Frontline employee extract: UTF-8 with a byte
    /// order mark, ISO dates, status codes A/L/T, phones typed every which way.
    /// </summary>
    internal sealed class HrEmployeeWriter : IDisposable
    {
        internal const string FileName = "exports/hr-employees.csv";

        internal static readonly string[] Header =
        {
            "EmpID", "NameFirst", "NameLast", "EmailWork", "SiteId", "JobClassId", "JobClassDescr", "BargUnitId",
            "EmploymentStatusCode", "DateHire", "DateTerm", "PhoneWork",
        };

        private readonly CsvExportWriter _csv;
        private readonly string[] _row = new string[Header.Length];

        internal HrEmployeeWriter(string path)
        {
            _csv = new CsvExportWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true), Header);
        }

        internal int Rows { get; private set; }

        internal void Write(SamplePerson p)
        {
            if (!p.InHr)
            {
                return;
            }

            _row[0] = p.EmpId;
            _row[1] = SampleFormats.Name(p.FirstName, p.CapsInHr, p.DecomposedInHr);
            _row[2] = SampleFormats.Name(p.LastNameHr, p.CapsInHr, p.DecomposedInHr);
            _row[3] = p.HrEmailBlank || p.Email is null ? string.Empty : p.EmailStyle == 3 ? SampleFormats.MixedCaseEmail(p.Email, 3) : p.Email;
            _row[4] = p.HrSiteBlank ? string.Empty : p.HrSiteUnpadded ? p.Site.HrSiteId.TrimStart('0') : p.Site.HrSiteId;
            _row[5] = p.JobClass.Id;
            _row[6] = p.JobClass.Description;
            _row[7] = p.JobClass.BargainingUnit;
            _row[8] = p.Status switch
            {
                EmploymentStatus.Leave => "L",
                EmploymentStatus.Terminated => "T",
                _ => "A",
            };
            _row[9] = SampleFormats.IsoDate(p.HireDate);
            _row[10] = p.TermDate is { } term ? SampleFormats.IsoDate(term) : string.Empty;
            _row[11] = p.PhoneDigits is null ? string.Empty : SampleFormats.Phone(p.PhoneDigits, p.PhoneStyle);
            _csv.Write(_row);
            Rows++;
        }

        public void Dispose() => _csv.Dispose();
    }
}
