using System.Globalization;

namespace Aether.TitanHst.Safety
{
    /// <summary>
    /// A limit on one kind of risky change, as a count and as a share of the managed active TitanHST records.
    /// At the limit is allowed; over it blocks (like Entra's accidental-deletion threshold).
    /// </summary>
    public sealed class Threshold
    {
        public Threshold(RiskFlags kind, int? maxCount, double? maxPercent)
        {
            Kind = kind;
            MaxCount = maxCount;
            MaxPercent = maxPercent;
        }

        public RiskFlags Kind { get; }

        public int? MaxCount { get; }

        public double? MaxPercent { get; }

        /// <summary>Why <paramref name="count"/> changes out of <paramref name="baseline"/> records exceed this threshold, or null.</summary>
        public string? Breach(int count, int baseline)
        {
            if (MaxCount.HasValue && count > MaxCount.Value)
            {
                return $"{count} {Describe()} exceed the limit of {MaxCount.Value}";
            }

            var percent = baseline == 0 ? (count == 0 ? 0 : 100.0) : 100.0 * count / baseline;
            if (MaxPercent.HasValue && percent > MaxPercent.Value)
            {
                return string.Format(CultureInfo.InvariantCulture, "{0} {1} are {2:0.##}% of {3} managed active records, over the limit of {4:0.##}%",
                    count, Describe(), percent, baseline, MaxPercent.Value);
            }

            return null;
        }

        public override string ToString() =>
            $"{Kind}: max {(MaxCount?.ToString(CultureInfo.InvariantCulture) ?? "-")} / {(MaxPercent?.ToString(CultureInfo.InvariantCulture) ?? "-")}%";

        private string Describe() => Kind switch
        {
            RiskFlags.Delete => "deletions",
            RiskFlags.Deactivate => "deactivations",
            RiskFlags.RoleChange => "role changes",
            RiskFlags.SiteChange => "site changes",
            RiskFlags.PrimaryChange => "primary assignment changes",
            RiskFlags.Reactivation => "reactivations",
            RiskFlags.ValueCleared => "changes that clear a value TitanHST holds",
            RiskFlags.IdentityChange => "identity changes (every display-name field changes)",
            RiskFlags.Create => "creates",
            _ => Kind.ToString(),
        };
    }
}
