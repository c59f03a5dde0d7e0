using System;
using System.Globalization;
using System.Text;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Sample
{
    /// <summary>
    /// Writes exports/aeries-staff.csv the way Aeries exports its staff table: Windows-1252, no byte order mark,
    /// US dates, mixed-case e-mail, the HR id typed by hand (leading zeros, spaces, blank for contractors).
    /// </summary>
    internal sealed class AeriesStaffWriter : IDisposable
    {
        internal const string FileName = "exports/aeries-staff.csv";

        internal static readonly string[] Header =
        {
            "ID", "FirstName", "LastName", "EmailAddress", "HumanResourcesSystemID", "InactiveStatusCode", "LeaveDate",
            "HireDate", "PrimaryAeriesSchool", "NetworkLoginID", "PositionStatusCode", "FullTimePercentage", "Title",
        };

        private readonly CsvExportWriter _csv;
        private readonly string[] _row = new string[Header.Length];

        internal AeriesStaffWriter(string path)
        {
            // Strict: a character Windows-1252 cannot hold is a generator bug, never a silent '?'.
            _csv = new CsvExportWriter(path, TextEncodings.Resolve(TextEncodings.Windows1252), Header);
        }

        internal int Rows { get; private set; }

        internal void Write(SamplePerson p)
        {
            if (!p.InAeries)
            {
                return;
            }

            if (p.BlankLineBefore)
            {
                _csv.WriteBlankLine();
            }

            var terminated = p.Status == EmploymentStatus.Terminated && !p.AeriesStillActive;
            _row[0] = p.AeriesId.ToString(CultureInfo.InvariantCulture);
            _row[1] = SampleFormats.Name(p.FirstName, p.CapsInAeries, decomposed: false);
            _row[2] = SampleFormats.Name(p.LastNameAeries, p.CapsInAeries, decomposed: false);
            _row[3] = p.Email is null ? string.Empty : SampleFormats.MixedCaseEmail(p.Email, p.EmailStyle);
            _row[4] = SampleFormats.AeriesKey(p);
            _row[5] = terminated ? "I" : string.Empty;
            _row[6] = terminated && p.TermDate is { } term ? SampleFormats.AeriesDate(term, p.PaddedDateInAeries) : string.Empty;
            _row[7] = SampleFormats.AeriesDate(p.HireDate, p.PaddedDateInAeries);
            _row[8] = p.Site.AeriesSchool;
            _row[9] = p.Username is null ? string.Empty : p.EmailStyle == 2 ? p.Username.ToUpperInvariant() : p.Username;
            _row[10] = p.Kind == PersonKind.Contractor ? "X" : p.JobClass.AeriesPosition;
            _row[11] = p.FullTimePercentage.ToString(CultureInfo.InvariantCulture);
            _row[12] = p.TitleSpacing ? p.AeriesTitle.Replace(" ", "  ") + " " : p.AeriesTitle;
            _csv.Write(_row);
            Rows++;
        }

        public void Dispose() => _csv.Dispose();
    }
}
