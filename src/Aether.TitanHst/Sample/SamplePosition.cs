using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Aether.TitanHst.Sample
{
    /// <summary>People who hold several positions (decision 0011); every district of 30 or more people has each once.</summary>
    internal enum PositionScenario
    {
        None,

        /// <summary>An itinerant specialist at four schools, no primary flag: the primary rule picks the earliest start.</summary>
        Itinerant,

        /// <summary>A teacher split between two schools; TitanHST only knows the first: a SiteChange that adds a school.</summary>
        SplitSiteGained,

        /// <summary>A teacher who also holds a classified job at the same school.</summary>
        TwoJobClasses,

        /// <summary>A second school whose position ended yesterday; TitanHST still lists it: a SiteChange that drops it.</summary>
        EndedYesterday,

        /// <summary>Two current rows both flagged primary for different schools: a Conflict until HR settles it.</summary>
        TwoPrimaries,
    }

    /// <summary>One HR position row of a sample person.</summary>
    internal sealed class SamplePosition
    {
        internal SamplePosition(string positionId, SampleSite site, SampleJobClass jobClass, decimal fte, bool flagged, DateTime start, DateTime? end)
        {
            PositionId = positionId;
            Site = site;
            JobClass = jobClass;
            Fte = fte;
            Flagged = flagged;
            Start = start;
            End = end;
        }

        internal string PositionId { get; }

        internal SampleSite Site { get; }

        internal SampleJobClass JobClass { get; }

        internal decimal Fte { get; }

        internal bool Flagged { get; }

        internal DateTime Start { get; }

        internal DateTime? End { get; }

        internal bool IsCurrent(DateTime today) => Start <= today && (End is null || End >= today);

        internal static string Format(decimal fte) => fte.ToString("0.####", CultureInfo.InvariantCulture);

        /// <summary>
        /// The assignments' canonical text (decision 0011) as the sample contract's rule gives them: flagged first,
        /// then highest FTE, earliest start, lowest id; null when none is current.
        /// </summary>
        internal static string? Canonical(IEnumerable<SamplePosition> positions)
        {
            var current = positions.Where(p => p.JobClass.Role is not null).ToList();
            if (current.Count == 0)
            {
                return null;
            }

            var primary = current.OrderByDescending(p => p.Flagged).ThenByDescending(p => p.Fte).ThenBy(p => p.Start)
                .ThenBy(p => long.Parse(p.PositionId, CultureInfo.InvariantCulture)).First();
            var slots = current.GroupBy(p => p.Site.Code + "/" + p.JobClass.Role)
                .Select(g => (Slot: g.Key, Primary: g.Key == primary.Site.Code + "/" + primary.JobClass.Role, Fte: g.Sum(p => p.Fte)))
                .OrderByDescending(s => s.Primary).ThenBy(s => s.Slot.Substring(0, s.Slot.IndexOf('/')), StringComparer.Ordinal)
                .ThenBy(s => s.Slot.Substring(s.Slot.IndexOf('/') + 1), StringComparer.Ordinal);
            return string.Join("; ", slots.Select(s => s.Slot + (s.Primary ? "*" : string.Empty) + "@" + Format(s.Fte)));
        }
    }

    internal static class PositionScenarios
    {
        private static readonly PositionScenario[] All = { PositionScenario.Itinerant, PositionScenario.SplitSiteGained, PositionScenario.TwoJobClasses, PositionScenario.EndedYesterday, PositionScenario.TwoPrimaries };

        /// <summary>Where each position scenario sits: evenly spread, on people no other scenario uses.</summary>
        internal static Dictionary<int, PositionScenario> Place(int count)
        {
            var placed = new Dictionary<int, PositionScenario>();
            for (var j = 0; j < All.Length; j++)
            {
                for (var i = (int)((2L * j + 1) * count / (2L * All.Length)); i < count; i++)
                {
                    if (SampleScenarios.At(i, count) == SampleScenario.None && !placed.ContainsKey(i))
                    {
                        placed.Add(i, All[j]);
                        break;
                    }
                }
            }

            return placed;
        }
    }
}
