using System.Collections.Generic;

namespace Aether.TitanHst.Preview
{
    /// <summary>The people whose outcome a contract edit changes, and the counts.</summary>
    public sealed class ContractComparisonResult
    {
        internal ContractComparisonResult(IReadOnlyList<ContractOutcomeDifference> differences, ContractComparisonSummary summary)
        {
            Differences = differences;
            Summary = summary;
        }

        public IReadOnlyList<ContractOutcomeDifference> Differences { get; }

        public ContractComparisonSummary Summary { get; }
    }
}
