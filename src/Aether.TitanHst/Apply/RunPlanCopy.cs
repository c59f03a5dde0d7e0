using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Plan;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// A run's plan copy (plan.json), held to the hash run.json records under its MAC: another authentic plan copied
    /// over it (an export of the same diff without the changes that went wrong) is refused like an edited one, by
    /// whatever reads the run: a resume, a report, a listing.
    /// </summary>
    internal static class RunPlanCopy
    {
        internal const string FileName = "plan.json";

        /// <summary>Reads and authenticates the copy and checks it is the one the run started with.</summary>
        /// <exception cref="ApplyRefusedException">It is not (<see cref="ApplyErrorIds.RunDamaged"/>).</exception>
        internal static SavedPlan Read(string folder, RunHeader header, InstallationKey key)
        {
            SavedPlan plan;
            try
            {
                var path = Path.Combine(folder, FileName);
                RegularFiles.Require(path, why => RunHeaderFile.NotRegular(folder, FileName, why));
                plan = PlanReader.Read(path, key);
            }
            catch (InputFileException ex)
            {
                throw RunHeaderFile.Damaged(folder, $"its plan copy is refused ({ex.ErrorId}: {ex.Message})");
            }

            RequireStartedWith(folder, header, plan.Hash);
            return plan;
        }

        /// <summary>
        /// The copy's external ids, the copy checked by its content hash only: run.json's MAC vouches for that hash,
        /// so a listing need not authenticate and parse every plan in full to count it truthfully.
        /// </summary>
        /// <exception cref="ApplyRefusedException">The copy is not the one the run started with.</exception>
        internal static IReadOnlyList<string> ExternalIds(string folder, RunHeader header)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, FileName)));
            var plan = document.RootElement.GetProperty("plan");
            RequireStartedWith(folder, header, ContentHash.OfText(plan.GetRawText()));
            return plan.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("externalId").GetString() ?? string.Empty).ToList();
        }

        /// <summary>Every outcome the journal holds is of a change in the plan copy: numbers are never made of changes the plan does not hold.</summary>
        /// <exception cref="ApplyRefusedException">One is not.</exception>
        internal static void RequireOutcomesInPlan(string folder, IEnumerable<string> outcomeIds, IEnumerable<string> planIds)
        {
            var inPlan = new HashSet<string>(planIds, StringComparer.Ordinal);
            var stray = outcomeIds.Count(id => !inPlan.Contains(id));
            if (stray > 0)
            {
                throw RunHeaderFile.Damaged(folder, $"its journal holds outcomes of {stray} change(s) its plan copy does not hold");
            }
        }

        private static void RequireStartedWith(string folder, RunHeader header, string hash)
        {
            if (!string.Equals(hash, header.RunPlanHash, StringComparison.Ordinal))
            {
                throw RunHeaderFile.Damaged(folder, "its plan copy is not the one the run started with");
            }
        }
    }
}
