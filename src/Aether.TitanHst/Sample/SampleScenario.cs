using System;

namespace Aether.TitanHst.Sample
{
    /// <summary>
    /// Cases every generated district contains at least once, however small, so that a demo or a test always
    /// meets each of them. They sit at fixed, evenly spread positions; every other person is drawn at random.
    /// </summary>
    internal enum SampleScenario
    {
        None,
        LeadingZerosKey,
        Create,
        EmailChanged,
        TitleChanged,
        PhoneChanged,
        RoleChanged,
        SiteChanged,
        Leave,
        TerminatedStillActive,
        HrOnly,
        Contractor,
        StaleKey,
        Substitute,
        Gone,
        AllCaps,
        CommaInName,
        LatinOneName,
        VietnameseName,
        BlankLine,
        ManualRecord,
        HrSiteBlank,
        SpacesInKey,
        TerminatedInactive,
        TerminatedAeriesStillActive,
    }

    internal static class SampleScenarios
    {
        private static readonly SampleScenario[] All = Enum.GetValues(typeof(SampleScenario)) is SampleScenario[] values
            ? Array.FindAll(values, v => v != SampleScenario.None)
            : Array.Empty<SampleScenario>();

        /// <summary>The scenario placed at <paramref name="index"/> in a district of <paramref name="count"/> people.</summary>
        internal static SampleScenario At(int index, int count)
        {
            if (count <= All.Length)
            {
                return index < All.Length ? All[index] : SampleScenario.None;
            }

            // Evenly spread: scenario j sits at floor((2j + 1) * count / 2n); positions differ because count > n.
            var n = All.Length;
            var guess = (int)((long)index * n / count);
            for (var j = Math.Max(0, guess - 1); j <= Math.Min(n - 1, guess + 1); j++)
            {
                if ((int)((2L * j + 1) * count / (2L * n)) == index)
                {
                    return All[j];
                }
            }

            return SampleScenario.None;
        }
    }
}
