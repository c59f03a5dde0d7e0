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
        [SupportsWildcards]
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
            var folder = ProfileResolver.RunsFolder(this, JournalPath);
            var runs = RunCatalog.List(folder);
            if (ParameterSetName == RunIdSet)
            {
                var all = runs.ToList();
                var patterns = RunId.Select(r => new WildcardPattern(r, WildcardOptions.IgnoreCase)).ToList();
                runs = all.Where(r => patterns.Any(p => p.IsMatch(r.RunId)));

                // As Get-Item: a literal id that names no run is an error; a wildcard that matches nothing is not.
                for (var i = 0; i < RunId.Length; i++)
                {
                    if (!WildcardPattern.ContainsWildcardCharacters(RunId[i]) && !all.Any(r => patterns[i].IsMatch(r.RunId)))
                    {
                        WriteError(ApplyRefusalErrors.Record(new ApplyRefusedException(ApplyErrorIds.RunNotFound, $"There is no apply run {RunId[i]} in {folder}."), RunId[i]));
                    }
                }
            }

            if (Since is { } since)
            {
                runs = runs.Where(r => r.StartedAt >= since);
            }

            foreach (var run in runs.Take(Last))
            {
                // A listing shows one line per run (its own view); the summary an apply ends with keeps its full list.
                var listed = PSObject.AsPSObject(run);
                listed.TypeNames.Insert(0, ListingTypeName);
                WriteObject(listed);
            }
        }

        /// <summary>The type name the listing view of runs is selected by (formats/TitanHst.Apply.format.ps1xml).</summary>
        internal const string ListingTypeName = "Aether.TitanHst.Apply.ApplyRunSummary#Listing";
    }
}
