using System;
using System.Linq;

namespace Aether.TitanHst.Sample
{
    /// <summary>Where a person of the sample district appears.</summary>
    internal enum PersonKind
    {
        /// <summary>An HR employee; also in Aeries when the job class has Aeries accounts.</summary>
        Employee,

        /// <summary>In Aeries only: a contractor with no (or a stale) HumanResourcesSystemID.</summary>
        Contractor,

        /// <summary>Only in TitanHST: left the district and removed from both exports since.</summary>
        Gone,
    }

    internal enum EmploymentStatus
    {
        Active,
        Leave,
        Terminated,
    }

    /// <summary>How TitanHST's copy of the person differs from what the exports say today.</summary>
    internal enum TargetDrift
    {
        /// <summary>TitanHST does not have the person: a create.</summary>
        Absent,

        /// <summary>TitanHST has exactly what the contract produces.</summary>
        Same,
        EmailChanged,
        TitleChanged,
        PhoneChanged,
        RoleChanged,
        SiteChanged,

        /// <summary>TitanHST has the person, already deactivated.</summary>
        Inactive,
    }

    /// <summary>How the HumanResourcesSystemID of an Aeries row is typed.</summary>
    internal enum KeyStyle
    {
        Plain,
        LeadingZeros,
        Spaces,
        LeadingZerosAndSpaces,
        Blank,
        Stale,
    }

    /// <summary>
    /// One person of the sample district: the true, canonical values (what a correct contract produces), plus the
    /// noise each export adds and the drift TitanHST has. Writers render it; nothing here knows a file format.
    /// </summary>
    internal sealed class SamplePerson
    {
        internal int Index { get; set; }

        internal PersonKind Kind { get; set; }

        /// <summary>HR's employee id, which is also the TitanHST externalId (no leading zeros).</summary>
        internal string EmpId { get; set; } = string.Empty;

        internal int AeriesId { get; set; }

        internal bool InHr { get; set; }

        internal bool InAeries { get; set; }

        internal KeyStyle KeyStyle { get; set; }

        internal string FirstName { get; set; } = string.Empty;

        internal string LastNameHr { get; set; } = string.Empty;

        internal string LastNameAeries { get; set; } = string.Empty;

        internal SampleJobClass JobClass { get; set; } = DistrictCatalog.JobClasses[0];

        internal SampleSite Site { get; set; } = DistrictCatalog.Sites[0];

        internal string AeriesTitle { get; set; } = string.Empty;

        internal EmploymentStatus Status { get; set; }

        /// <summary>HR has terminated the person but Aeries still lists them as active: a source conflict.</summary>
        internal bool AeriesStillActive { get; set; }

        internal DateTime HireDate { get; set; }

        internal DateTime? TermDate { get; set; }

        /// <summary>The work email, lower case; null when no source has one.</summary>
        internal string? Email { get; set; }

        internal bool HrEmailBlank { get; set; }

        internal string? Username { get; set; }

        /// <summary>Ten NANP digits, or null when HR has no phone.</summary>
        internal string? PhoneDigits { get; set; }

        internal int FullTimePercentage { get; set; } = 100;

        // Noise the exports add; a correct contract removes it.
        internal int PhoneStyle { get; set; }

        internal int EmailStyle { get; set; }

        internal bool CapsInHr { get; set; }

        internal bool CapsInAeries { get; set; }

        internal bool DecomposedInHr { get; set; }

        internal bool BlankLineBefore { get; set; }

        internal bool PaddedDateInAeries { get; set; }

        internal bool TitleSpacing { get; set; }

        internal bool HrSiteBlank { get; set; }

        internal bool HrSiteUnpadded { get; set; }

        // TitanHST's side.
        internal TargetDrift Drift { get; set; }

        internal string? BadgeNumber { get; set; }

        internal string? Notes { get; set; }

        /// <summary>HR's position rows (decision 0011); one for most people.</summary>
        internal System.Collections.Generic.List<SamplePosition> Positions { get; } = new();

        internal PositionScenario PositionScenario { get; set; }

        /// <summary>The day the district is generated for (positions current on it are assignments).</summary>
        internal DateTime Today { get; set; } = DateTime.Today;

        /// <summary>The assignments the sample contract produces today (current positions only).</summary>
        internal string? Assignments => SamplePosition.Canonical(Positions.Where(x => x.IsCurrent(Today)));

        /// <summary>Emit TitanHST's hand-made record (externalId null) after this person.</summary>
        internal bool ManualRecordAfter { get; set; }

        // Canonical values, as the sample contract produces them.
        internal string LastName => InHr ? LastNameHr : LastNameAeries;

        internal string Title => InAeries ? AeriesTitle : JobClass.Description;

        internal string? RoleCode => JobClass.Role;

        internal string? Phone => PhoneDigits is null ? null : "+1" + PhoneDigits;

        internal bool IsSubstitute => JobClass.IsSubstitute;

        /// <summary>True when the sample contract sends the person to TitanHST.</summary>
        internal bool InScope => Kind == PersonKind.Employee && Status != EmploymentStatus.Terminated && !IsSubstitute;
    }
}
