using System;
using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Apply;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.PowerShell.Session;

using Aether.TitanHst.PowerShell.Completion;

namespace Aether.TitanHst.PowerShell.Apply
{
    /// <summary>
    /// <para type="synopsis">Lists apply runs with their summaries, from their journals.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TitanHstRun", DefaultParameterSetName = LastSet)]
    [OutputType(typeof(ApplyRunSummary))]
    public sealed class GetTitanHstRunCommand : PSCmdlet
    {
        private const string LastSet = "Last";
        private const string RunIdSet = "RunId";

        /// <summary>The runs to show, by RunId (wildcards allowed).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = RunIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string[] RunId { get; set; } = null!;

        /// <summary>The newest N runs (all by default).</summary>
        [Parameter(ParameterSetName = LastSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; } = int.MaxValue;

        /// <summary>Only runs started at or after this time.</summary>
        [Parameter]
        public DateTimeOffset? Since { get; set; }

        /// <summary>The folder of run journals; by default the operating profile's (its configuration's runs.folder, else AETHER_TITANHST_RUNS, else the user's data folder).</summary>
        [Parameter]
        public string? JournalPath { get; set; }

        /// <summary>Writes the matching runs, newest first.</summary>
        protected override void ProcessRecord()
        {
            var runs = RunCatalog.List(ProfileResolver.RunsFolder(this, JournalPath));
            if (ParameterSetName == RunIdSet)
            {
                var patterns = RunId.Select(r => new WildcardPattern(r, WildcardOptions.IgnoreCase)).ToList();
                runs = runs.Where(r => patterns.Any(p => p.IsMatch(r.RunId)));
            }

            if (Since is { } since)
            {
                runs = runs.Where(r => r.StartedAt >= since);
            }

            WriteObject(runs.Take(Last), enumerateCollection: true);
        }
    }
}
