using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Sample
{
    /// <summary>Tallies the generated people by kind, for the summary a demo or test reads.</summary>
    internal sealed class SampleCounts
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        internal void Add(SamplePerson p)
        {
            if (p.Kind == PersonKind.Gone)
            {
                Increment(p.Drift == TargetDrift.Inactive ? "TargetAlreadyInactive" : "TargetDeactivations");
                Increment("GoneFromSources");
                return;
            }

            Increment(p.InHr && p.InAeries ? "InBothSources" : p.InHr ? "HrOnly" : "AeriesOnly");
            if (p.InHr)
            {
                Increment("HrRows");
            }

            if (p.InAeries)
            {
                Increment("AeriesRows");
            }

            if (p.Kind == PersonKind.Contractor)
            {
                Increment(p.KeyStyle == KeyStyle.Stale ? "AeriesStaleHrId" : "AeriesBlankHrId");
            }

            if (p.Kind == PersonKind.Employee)
            {
                Increment(p.IsSubstitute ? "Substitutes" : p.Status == EmploymentStatus.Terminated ? "Terminated" : p.Status == EmploymentStatus.Leave ? "OnLeave" : "Active");
            }

            if (p.InScope)
            {
                Increment("InScope");
            }

            if (p.CapsInHr || p.CapsInAeries)
            {
                Increment("AllCapsNames");
            }

            switch (p.PositionScenario)
            {
                // TitanHST knows one school fewer (or the one that ended yesterday): an Update flagged SiteChange.
                case PositionScenario.SplitSiteGained or PositionScenario.EndedYesterday: Increment("TargetSiteChanges"); Increment("MultiplePositions"); return;
                case PositionScenario.TwoPrimaries: Increment("TargetConflicts"); Increment("MultiplePositions"); return;
                case PositionScenario.Itinerant or PositionScenario.TwoJobClasses: Increment("MultiplePositions"); break;
            }

            switch (p.Drift)
            {
                case TargetDrift.Absent when p.InScope: Increment("TargetCreates"); break;
                case TargetDrift.Same when p.AeriesStillActive: Increment("TargetConflicts"); break;
                case TargetDrift.Same when !p.InScope: Increment("TargetDeactivations"); break;
                case TargetDrift.Same: Increment("TargetUnchanged"); break;
                case TargetDrift.Inactive: Increment("TargetAlreadyInactive"); break;
                case TargetDrift.EmailChanged: Increment("TargetEmailUpdates"); break;
                case TargetDrift.TitleChanged: Increment("TargetTitleUpdates"); break;
                case TargetDrift.PhoneChanged: Increment("TargetPhoneUpdates"); break;
                case TargetDrift.RoleChanged: Increment("TargetRoleChanges"); break;
                case TargetDrift.SiteChanged: Increment("TargetSiteChanges"); break;
            }
        }

        internal void Increment(string name) => _counts[name] = _counts.TryGetValue(name, out var n) ? n + 1 : 1;

        internal IReadOnlyDictionary<string, int> ToDictionary() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);
    }
}
