using System.Collections.Generic;

namespace Aether.TitanHst.Sample
{
    /// <summary>A school as each system codes it: TitanHST site code, HR site id, Aeries school code.</summary>
    internal sealed class SampleSite
    {
        internal SampleSite(string code, string name, string hrSiteId, string aeriesSchool, bool active = true)
        {
            Code = code;
            Name = name;
            HrSiteId = hrSiteId;
            AeriesSchool = aeriesSchool;
            Active = active;
        }

        internal string Code { get; }

        internal string Name { get; }

        internal string HrSiteId { get; }

        internal string AeriesSchool { get; }

        internal bool Active { get; }
    }

    /// <summary>An HR job class, the TitanHST role it maps to (null: not mapped) and how Aeries sees it.</summary>
    internal sealed class SampleJobClass
    {
        internal SampleJobClass(string id, string description, string bargainingUnit, string? role, string aeriesPosition, double aeriesShare, int weight, string[] titles)
        {
            Id = id;
            Description = description;
            BargainingUnit = bargainingUnit;
            Role = role;
            AeriesPosition = aeriesPosition;
            AeriesShare = aeriesShare;
            Weight = weight;
            Titles = titles;
        }

        internal string Id { get; }

        internal string Description { get; }

        internal string BargainingUnit { get; }

        /// <summary>The TitanHST role code; null for substitutes, who are out of scope and left unmapped.</summary>
        internal string? Role { get; }

        internal string AeriesPosition { get; }

        /// <summary>The share of this class that has an Aeries account (0: HR only, 1: everyone).</summary>
        internal double AeriesShare { get; }

        internal int Weight { get; }

        /// <summary>Titles as typed in Aeries.</summary>
        internal string[] Titles { get; }

        internal bool IsSubstitute => Role is null;
    }

    /// <summary>The sample district's schools, job classes and TitanHST roles.</summary>
    internal static class DistrictCatalog
    {
        internal const string EmailDomain = "sampleusd.org";
        internal const string OldEmailDomain = "sample-usd.k12.ca.us";

        /// <summary>Schools; the last is closed (only TitanHST still lists it).</summary>
        internal static readonly SampleSite[] Sites =
        {
            new("LHS", "Lincoln High School", "010", "1"),
            new("FCH", "Foothill Continuation High School", "011", "5"),
            new("WMS", "Washington Middle School", "020", "2"),
            new("RMS", "Roosevelt Middle School", "021", "3"),
            new("JES", "Jefferson Elementary School", "030", "10"),
            new("MES", "Madison Elementary School", "031", "11"),
            new("SVE", "Sierra Vista Elementary School", "032", "12"),
            new("VOE", "Valley Oak Elementary School", "033", "13"),
            new("CCE", "César Chávez Elementary School", "034", "14"),
            new("DO", "District Office", "900", "990"),
        };

        internal static readonly SampleSite ClosedSite = new("OPE", "Old Pine Elementary School", "035", "15", active: false);

        /// <summary>Weights of <see cref="Sites"/> for staff placement (high schools are bigger).</summary>
        internal static readonly int[] SiteWeights = { 22, 3, 14, 12, 9, 9, 9, 8, 8, 6 };

        internal static readonly SampleJobClass[] JobClasses =
        {
            new("TCH01", "Teacher", "CTA", "TEACHER", "T", 1.0, 46, new[] { "Teacher", "Math Teacher", "English Teacher", "Science Teacher", "History Teacher", "3rd Grade Teacher", "Kindergarten Teacher", "PE Teacher" }),
            new("TCH02", "Teacher - Special Education", "CTA", "TEACHER", "T", 1.0, 6, new[] { "Special Education Teacher", "Resource Specialist", "Speech Teacher" }),
            new("ADM01", "Principal", "MGMT", "PRINCIPAL", "A", 1.0, 2, new[] { "Principal" }),
            new("ADM02", "Assistant Principal", "MGMT", "ASSTPRINCIPAL", "A", 1.0, 2, new[] { "Assistant Principal", "Vice Principal" }),
            new("CNS01", "Counselor", "CTA", "COUNSELOR", "C", 1.0, 3, new[] { "Counselor", "School Counselor" }),
            new("NRS01", "School Nurse", "CTA", "NURSE", "N", 1.0, 1, new[] { "School Nurse" }),
            new("PSY01", "School Psychologist", "CTA", "PSYCHOLOGIST", "P", 1.0, 1, new[] { "School Psychologist" }),
            new("LIB01", "Library Media Technician", "CSEA", "LIBRARIAN", "L", 1.0, 1, new[] { "Librarian", "Library Technician" }),
            new("CLS01", "Instructional Aide", "CSEA", "CLASSIFIED", "I", 0.5, 8, new[] { "Instructional Aide", "Paraeducator" }),
            new("CLS02", "Office Manager", "CSEA", "CLASSIFIED", "O", 1.0, 3, new[] { "Office Manager", "Attendance Clerk", "Registrar" }),
            new("CLS03", "Custodian", "CSEA", "CLASSIFIED", "-", 0.0, 5, new[] { "Custodian" }),
            new("CLS04", "Food Service Worker", "CSEA", "CLASSIFIED", "-", 0.0, 4, new[] { "Food Service Worker" }),
            new("SUB01", "Substitute Teacher", "SUBS", null, "S", 1.0, 5, new[] { "Substitute Teacher" }),
            new("SUB02", "Substitute Classified", "SUBS", null, "-", 0.0, 2, new[] { "Substitute Aide" }),
        };

        /// <summary>TitanHST's roles: every role a job class maps to, plus one retired role.</summary>
        internal static readonly (string Code, string Name, bool Active)[] Roles =
        {
            ("TEACHER", "Teacher", true),
            ("PRINCIPAL", "Principal", true),
            ("ASSTPRINCIPAL", "Assistant Principal", true),
            ("COUNSELOR", "Counselor", true),
            ("NURSE", "Nurse", true),
            ("PSYCHOLOGIST", "Psychologist", true),
            ("LIBRARIAN", "Librarian", true),
            ("CLASSIFIED", "Classified Staff", true),
            ("AIDE", "Aide (retired role)", false),
        };

        /// <summary>Contractors Aeries knows but HR does not (no HumanResourcesSystemID).</summary>
        internal static readonly string[] ContractorTitles = { "Speech Therapist (Contract)", "Contract Nurse", "Occupational Therapist (Contract)", "After School Coach" };

        internal static readonly IReadOnlyList<string> SubstituteJobClasses = new[] { "SUB01", "SUB02" };

        internal static SampleJobClass JobClass(string id)
        {
            foreach (var jobClass in JobClasses)
            {
                if (jobClass.Id == id)
                {
                    return jobClass;
                }
            }

            throw new KeyNotFoundException(id);
        }
    }
}
