using System;
using System.Text;

namespace Aether.TitanHst.Sample
{
    /// <summary>
    /// Writes exports/hr-positions.csv: one row per position (decision 0011), the way HR position extracts are
    /// written: the same EmpID on several rows, each with its position id, site, job class, FTE, flag and dates.
    /// </summary>
    internal sealed class HrPositionWriter : IDisposable
    {
        internal const string FileName = "exports/hr-positions.csv";

        internal static readonly string[] Header = { "EmpID", "PositionId", "SiteId", "JobClassId", "FTE", "PrimaryFlag", "StartDate", "EndDate" };

        private readonly CsvExportWriter _csv;
        private readonly string[] _row = new string[Header.Length];

        internal HrPositionWriter(string path)
        {
            _csv = new CsvExportWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), Header);
        }

        internal int Rows { get; private set; }

        internal void Write(SamplePerson p)
        {
            if (!p.InHr)
            {
                return;
            }

            foreach (var position in p.Positions)
            {
                _row[0] = p.EmpId;
                _row[1] = position.PositionId;
                _row[2] = position.Site.HrSiteId;
                _row[3] = position.JobClass.Id;
                _row[4] = SamplePosition.Format(position.Fte);
                _row[5] = position.Flagged ? "Y" : "N";
                _row[6] = SampleFormats.IsoDate(position.Start);
                _row[7] = position.End is { } end ? SampleFormats.IsoDate(end) : string.Empty;
                _csv.Write(_row);
                Rows++;
            }
        }

        public void Dispose() => _csv.Dispose();
    }
}
