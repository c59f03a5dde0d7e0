using System;
using System.Collections.Generic;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Sample
{
    /// <summary>
    /// Draws the people of the sample district one at a time from one <see cref="Random"/>, so the same seed and
    /// count always give the same people. Memory stays flat: only the counts of e-mail and login stems are kept,
    /// and there are no more stems than pairs of pool names.
    /// </summary>
    internal sealed class PersonFactory
    {
        private static readonly DateTime FirstHire = new(1990, 1, 1);
        private static readonly DateTime LastHire = new(2025, 6, 30);
        private static readonly DateTime TermWindowStart = new(2024, 7, 1);
        private static readonly string[] Exchanges = { "555", "292", "434", "237", "325" };
        private static readonly string[] NoteTexts = { "Keys issued", "Parking permit on file", "Prefers to be called by middle name", "CPR certified", "Master key holder" };
        private static readonly NameCaseRule NameCase = new();

        private readonly Random _random;
        private readonly int _count;
        private readonly Dictionary<string, int> _emailStems = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _loginStems = new(StringComparer.Ordinal);
        private readonly int _jobWeight;
        private readonly int _siteWeight;
        private readonly Dictionary<int, PositionScenario> _positionScenarios;

        private readonly DateTime _today;

        internal PersonFactory(int seed, int count, DateTime today)
        {
            _today = today;
            _random = new Random(seed);
            _count = count;
            _positionScenarios = PositionScenarios.Place(count);
            foreach (var jobClass in DistrictCatalog.JobClasses)
            {
                _jobWeight += jobClass.Weight;
            }

            foreach (var weight in DistrictCatalog.SiteWeights)
            {
                _siteWeight += weight;
            }
        }

        /// <summary>The person at <paramref name="index"/>, and a former colleague only TitanHST remembers, if any.</summary>
        internal (SamplePerson Person, SamplePerson? Gone) Next(int index)
        {
            var r = _random;
            var scenario = SampleScenarios.At(index, _count);
            var p = new SamplePerson { Index = index };
            var contractorRoll = r.NextDouble();
            p.JobClass = PickJobClass();
            var aeriesRoll = r.NextDouble();
            var statusRoll = r.NextDouble();
            p.Site = PickSite();
            var first = NamePool.FirstNames[r.Next(NamePool.FirstNames.Length)];
            var last = NamePool.LastNames[r.Next(NamePool.LastNames.Length)];
            var titleRoll = r.Next(1000);
            p.HireDate = FirstHire.AddDays(r.Next((LastHire - FirstHire).Days));
            var termDays = r.Next(365);
            var phoneRoll = r.NextDouble();
            var phoneDigits = "559" + Exchanges[r.Next(Exchanges.Length)] + r.Next(10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            p.PhoneStyle = r.Next(PhoneStyles);
            var hrEmailRoll = r.NextDouble();
            var keyRoll = r.NextDouble();
            var capsRoll = r.NextDouble();
            var capsInHr = r.Next(2) == 0;
            p.DecomposedInHr = r.NextDouble() < 0.02;
            p.BlankLineBefore = r.NextDouble() < 0.005;
            p.PaddedDateInAeries = r.NextDouble() < 0.2;
            p.TitleSpacing = r.NextDouble() < 0.05;
            var hrSiteBlankRoll = r.NextDouble();
            p.HrSiteUnpadded = r.NextDouble() < 0.1;
            var targetRoll = r.NextDouble();
            var badgeRoll = r.NextDouble();
            var noteRoll = r.NextDouble();
            var noteIndex = r.Next(NoteTexts.Length);
            var goneRoll = r.NextDouble();
            var fteRoll = r.NextDouble();
            p.EmailStyle = r.Next(4);
            var empOffset = r.Next(2);

            p.Kind = contractorRoll < 0.03 ? PersonKind.Contractor : PersonKind.Employee;
            p.Status = statusRoll < 0.06 ? EmploymentStatus.Terminated : statusRoll < 0.09 ? EmploymentStatus.Leave : EmploymentStatus.Active;
            p.KeyStyle = keyRoll < 0.70 ? KeyStyle.Plain : keyRoll < 0.85 ? KeyStyle.LeadingZeros : keyRoll < 0.95 ? KeyStyle.Spaces : KeyStyle.LeadingZerosAndSpaces;
            var caps = capsRoll < 0.03;
            var gone = goneRoll < 0.02;
            TargetDrift? drift = null;
            var forcePhone = false;

            switch (scenario)
            {
                case SampleScenario.LeadingZerosKey: Employ(p, "TCH01"); p.KeyStyle = KeyStyle.LeadingZeros; drift = TargetDrift.Same; break;
                case SampleScenario.SpacesInKey: Employ(p, "TCH01"); p.KeyStyle = KeyStyle.Spaces; drift = TargetDrift.Same; break;
                case SampleScenario.Create: Employ(p, "TCH01"); drift = TargetDrift.Absent; break;
                case SampleScenario.EmailChanged: Employ(p, "TCH01"); drift = TargetDrift.EmailChanged; hrEmailRoll = 1; break;
                case SampleScenario.TitleChanged: Employ(p, "CNS01"); drift = TargetDrift.TitleChanged; break;
                case SampleScenario.PhoneChanged: Employ(p, "CLS02"); drift = TargetDrift.PhoneChanged; forcePhone = true; break;
                case SampleScenario.RoleChanged: Employ(p, "ADM02"); drift = TargetDrift.RoleChanged; break;
                case SampleScenario.SiteChanged: Employ(p, "TCH01"); drift = TargetDrift.SiteChanged; break;
                case SampleScenario.Leave: Employ(p, "TCH01"); p.Status = EmploymentStatus.Leave; drift = TargetDrift.Same; break;
                case SampleScenario.TerminatedStillActive: Employ(p, "TCH01"); p.Status = EmploymentStatus.Terminated; drift = TargetDrift.Same; break;
                case SampleScenario.TerminatedInactive: Employ(p, "CLS01"); p.Status = EmploymentStatus.Terminated; drift = TargetDrift.Inactive; break;
                case SampleScenario.TerminatedAeriesStillActive: Employ(p, "TCH01"); p.Status = EmploymentStatus.Terminated; p.AeriesStillActive = true; drift = TargetDrift.Same; break;
                case SampleScenario.HrOnly: Employ(p, "CLS03"); drift = TargetDrift.Same; break;
                case SampleScenario.Substitute: Employ(p, "SUB01"); break;
                case SampleScenario.Contractor: p.Kind = PersonKind.Contractor; keyRoll = 0.5; break;
                case SampleScenario.StaleKey: p.Kind = PersonKind.Contractor; keyRoll = 0; break;
                case SampleScenario.Gone: gone = true; break;
                case SampleScenario.AllCaps: Employ(p, "TCH01"); first = "Mary-Jo"; last = "McDonald"; caps = true; drift = TargetDrift.Same; break;
                case SampleScenario.CommaInName: Employ(p, "TCH01"); last = "Smith, Jr."; break;
                case SampleScenario.LatinOneName: Employ(p, "TCH01"); first = "José"; last = "Peña"; break;
                case SampleScenario.VietnameseName: Employ(p, "TCH01"); first = "Anh"; last = "Nguyễn|Nguyen"; p.DecomposedInHr = true; break;
                case SampleScenario.BlankLine: Employ(p, "TCH01"); p.BlankLineBefore = true; break;
                case SampleScenario.ManualRecord: p.ManualRecordAfter = true; break;
                case SampleScenario.HrSiteBlank: Employ(p, "TCH01"); hrSiteBlankRoll = 0; drift = TargetDrift.Same; break;
            }

            if (_positionScenarios.TryGetValue(index, out var positionScenario))
            {
                // Plain, in-scope staff with several positions; no other scenario sits here.
                Employ(p, positionScenario == PositionScenario.Itinerant ? "TCH02" : "TCH01");
                p.PositionScenario = positionScenario;
                drift = TargetDrift.Same;
            }

            if (p.Kind == PersonKind.Contractor)
            {
                p.KeyStyle = keyRoll < 0.3 ? KeyStyle.Stale : KeyStyle.Blank;
            }

            p.InHr = p.Kind == PersonKind.Employee;
            p.InAeries = p.Kind == PersonKind.Contractor || p.AeriesStillActive || aeriesRoll < p.JobClass.AeriesShare;
            p.EmpId = (10000 + (3L * index) + empOffset).ToString(System.Globalization.CultureInfo.InvariantCulture);
            p.AeriesId = 5000 + index;
            p.FirstName = first;
            (p.LastNameHr, p.LastNameAeries) = NamePool.Spellings(last);
            var email = NextEmail(first, p.LastNameAeries);
            p.HrEmailBlank = hrEmailRoll < (p.InAeries ? 0.05 : 0.4);
            p.Email = (p.InHr && !p.HrEmailBlank) || p.InAeries ? email : null;
            p.Username = p.InAeries ? NextLogin(first, p.LastNameAeries) : null;
            p.PhoneDigits = p.InHr && (forcePhone || phoneRoll < 0.85) ? phoneDigits : null;
            p.HrSiteBlank = p.InAeries && hrSiteBlankRoll < 0.02;
            p.AeriesTitle = p.Kind == PersonKind.Contractor
                ? DistrictCatalog.ContractorTitles[titleRoll % DistrictCatalog.ContractorTitles.Length]
                : p.JobClass.Titles[titleRoll % p.JobClass.Titles.Length];
            if (p.Status == EmploymentStatus.Terminated)
            {
                var term = TermWindowStart.AddDays(termDays);
                p.TermDate = term > p.HireDate ? term : p.HireDate.AddDays(30);
            }

            p.FullTimePercentage = fteRoll < 0.85 ? 100 : fteRoll < 0.95 ? 80 : 50;
            if (caps && CapsSafe(p))
            {
                p.CapsInHr = capsInHr || scenario == SampleScenario.AllCaps;
                p.CapsInAeries = !capsInHr || scenario == SampleScenario.AllCaps;
            }

            p.Drift = drift ?? DrawDrift(p, targetRoll);
            if ((p.Drift == TargetDrift.PhoneChanged && p.PhoneDigits is null) || (p.Drift == TargetDrift.EmailChanged && p.Email is null))
            {
                p.Drift = TargetDrift.TitleChanged;
            }

            p.Today = _today;
            AddPositions(p, p.PositionScenario);
            p.BadgeNumber = badgeRoll < 0.9 ? "B" + (100000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            p.Notes = noteRoll < 0.25 ? NoteTexts[noteIndex] : null;
            return (p, gone ? NextGone(index) : null);
        }

        /// <summary>
        /// HR's positions for the person: one (their site and job class, flagged primary) unless a position scenario
        /// sits here. Drawn without the random source, so every other value of the district stays as it was.
        /// </summary>
        private static void AddPositions(SamplePerson p, PositionScenario scenario)
        {
            var id = 100000 + (10L * p.Index);
            string Next() => (id++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var fte = p.FullTimePercentage / 100m;

            var site = p.Site;
            var other = DistrictCatalog.Sites[(Array.IndexOf(DistrictCatalog.Sites, site) + 1) % DistrictCatalog.Sites.Length];
            switch (scenario)
            {
                case PositionScenario.Itinerant:
                    for (var i = 0; i < 4; i++)
                    {
                        var s = DistrictCatalog.Sites[(Array.IndexOf(DistrictCatalog.Sites, site) + i) % DistrictCatalog.Sites.Length];
                        p.Positions.Add(new SamplePosition(Next(), s, p.JobClass, 0.25m, false, p.HireDate.AddDays(7 * i), null));
                    }

                    break;
                case PositionScenario.SplitSiteGained:
                case PositionScenario.EndedYesterday:
                    p.Positions.Add(new SamplePosition(Next(), site, p.JobClass, 0.6m, true, p.HireDate, null));
                    p.Positions.Add(new SamplePosition(Next(), other, p.JobClass, 0.4m, false, p.HireDate,
                        scenario == PositionScenario.EndedYesterday ? p.Today.AddDays(-1) : null));
                    break;
                case PositionScenario.TwoJobClasses:
                    p.Positions.Add(new SamplePosition(Next(), site, p.JobClass, 1m, true, p.HireDate, null));
                    p.Positions.Add(new SamplePosition(Next(), site, DistrictCatalog.JobClass("CLS01"), 0.2m, false, p.HireDate, null));
                    break;
                case PositionScenario.TwoPrimaries:
                    p.Positions.Add(new SamplePosition(Next(), site, p.JobClass, 0.5m, true, p.HireDate, null));
                    p.Positions.Add(new SamplePosition(Next(), other, p.JobClass, 0.5m, true, p.HireDate, null));
                    break;
                default:
                    p.Positions.Add(new SamplePosition(Next(), site, p.JobClass, fte, true, p.HireDate, null));
                    break;
            }
        }

        /// <summary>Number of ways <see cref="SampleFormats.Phone"/> can type a phone number.</summary>
        internal const int PhoneStyles = 6;

        private static void Employ(SamplePerson p, string jobClass)
        {
            p.Kind = PersonKind.Employee;
            p.JobClass = DistrictCatalog.JobClass(jobClass);
            p.Status = EmploymentStatus.Active;
        }

        private static TargetDrift DrawDrift(SamplePerson p, double roll)
        {
            if (p.InScope)
            {
                return roll < 0.06 ? TargetDrift.Absent : roll < 0.09 ? TargetDrift.EmailChanged : roll < 0.12 ? TargetDrift.TitleChanged
                    : roll < 0.15 ? TargetDrift.PhoneChanged : roll < 0.16 ? TargetDrift.RoleChanged : roll < 0.17 ? TargetDrift.SiteChanged : TargetDrift.Same;
            }

            if (p.Kind == PersonKind.Employee && p.Status == EmploymentStatus.Terminated && !p.IsSubstitute)
            {
                return roll < 0.6 ? TargetDrift.Same : roll < 0.85 ? TargetDrift.Inactive : TargetDrift.Absent;
            }

            return TargetDrift.Absent;
        }

        private SamplePerson NextGone(int index)
        {
            var r = _random;
            var g = new SamplePerson { Index = index, Kind = PersonKind.Gone, Status = EmploymentStatus.Terminated };
            SampleJobClass jobClass;
            do
            {
                jobClass = PickJobClass();
            }
            while (jobClass.IsSubstitute);

            g.JobClass = jobClass;
            g.Site = PickSite();
            g.FirstName = NamePool.FirstNames[r.Next(NamePool.FirstNames.Length)];
            g.LastNameAeries = g.LastNameHr = NamePool.Spellings(NamePool.LastNames[r.Next(NamePool.LastNames.Length)]).Aeries;
            g.HireDate = FirstHire.AddDays(r.Next((LastHire - FirstHire).Days));
            g.PhoneDigits = "559" + Exchanges[r.Next(Exchanges.Length)] + r.Next(10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            g.Drift = r.NextDouble() < 0.8 ? TargetDrift.Same : TargetDrift.Inactive;
            g.EmpId = (10000 + (3L * index) + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            g.Email = NextEmail(g.FirstName, g.LastNameAeries);
            g.Username = jobClass.AeriesShare >= 1 ? NextLogin(g.FirstName, g.LastNameAeries) : null;
            g.BadgeNumber = "B" + (900000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return g;
        }

        private static bool CapsSafe(SamplePerson p)
        {
            foreach (var name in new[] { p.FirstName, p.LastNameHr, p.LastNameAeries })
            {
                if (NameCase.Apply(name.ToUpperInvariant()).Value != name)
                {
                    return false;
                }
            }

            return true;
        }

        private string NextEmail(string first, string last) =>
            Numbered(_emailStems, SampleFormats.Fold(first) + "." + SampleFormats.Fold(LastNameStem(last))) + "@" + DistrictCatalog.EmailDomain;

        private string NextLogin(string first, string last) =>
            Numbered(_loginStems, SampleFormats.Fold(first).Substring(0, 1) + SampleFormats.Fold(LastNameStem(last)));

        private static string LastNameStem(string last)
        {
            var comma = last.IndexOf(',');
            return comma < 0 ? last : last.Substring(0, comma);
        }

        private static string Numbered(Dictionary<string, int> stems, string stem)
        {
            stems.TryGetValue(stem, out var seen);
            stems[stem] = seen + 1;
            return seen == 0 ? stem : stem + (seen + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private SampleJobClass PickJobClass()
        {
            var roll = _random.Next(_jobWeight);
            foreach (var jobClass in DistrictCatalog.JobClasses)
            {
                roll -= jobClass.Weight;
                if (roll < 0)
                {
                    return jobClass;
                }
            }

            return DistrictCatalog.JobClasses[0];
        }

        private SampleSite PickSite()
        {
            var roll = _random.Next(_siteWeight);
            for (var i = 0; i < DistrictCatalog.Sites.Length; i++)
            {
                roll -= DistrictCatalog.SiteWeights[i];
                if (roll < 0)
                {
                    return DistrictCatalog.Sites[i];
                }
            }

            return DistrictCatalog.Sites[0];
        }
    }
}
