using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Aether.TitanHst.Sample
{
    /// <summary>Writes the district's code tables (UTF-8, no byte order mark) that the sample contract looks up.</summary>
    internal static class MappingTableWriter
    {
        internal const string JobClassToRole = "mappings/job-class-to-role.csv";
        internal const string AeriesSchoolToSite = "mappings/aeries-school-to-site.csv";
        internal const string HrSiteToSite = "mappings/hr-site-to-site.csv";

        private static readonly string[] RoleHeader = { "JobClassId", "TitanHstRole", "JobClassDescr" };
        private static readonly string[] AeriesSchoolHeader = { "AeriesSchool", "TitanHstSite", "SchoolName" };
        private static readonly string[] HrSiteHeader = { "HrSiteId", "TitanHstSite", "SiteName" };

        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Writes the three tables under <paramref name="root"/>; returns their relative paths.</summary>
        internal static IReadOnlyList<string> WriteAll(string root)
        {
            // Substitutes are out of scope, so their job classes are deliberately not mapped.
            Write(root, JobClassToRole, RoleHeader,
                DistrictCatalog.JobClasses.Where(j => j.Role is not null).Select(j => new[] { j.Id, j.Role!, j.Description }));
            Write(root, AeriesSchoolToSite, AeriesSchoolHeader,
                DistrictCatalog.Sites.Select(s => new[] { s.AeriesSchool, s.Code, s.Name }));
            Write(root, HrSiteToSite, HrSiteHeader,
                DistrictCatalog.Sites.Select(s => new[] { s.HrSiteId, s.Code, s.Name }));
            return new[] { JobClassToRole, AeriesSchoolToSite, HrSiteToSite };
        }

        private static void Write(string root, string relative, string[] header, IEnumerable<string[]> rows)
        {
            using var csv = new CsvExportWriter(SampleDistrictGenerator.Combine(root, relative), Utf8, header);
            foreach (var row in rows)
            {
                csv.Write(row);
            }
        }
    }
}
