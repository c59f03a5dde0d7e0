using System.Collections.Generic;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Diff
{
    /// <summary>A test district's exports, extracted with its contract as it stands now, diffed against the given TitanHST records.</summary>
    internal static class DistrictDiff
    {
        internal static DiffResult Of(TempDistrict district, IEnumerable<TargetStaffRecord> target, DiffOptions? options = null)
        {
            var contract = ContractLoader.Load(district.ContractPath);
            return new DiffEngine(contract).Compute(new StaffExtractor(contract).Extract(), target, options);
        }
    }
}
