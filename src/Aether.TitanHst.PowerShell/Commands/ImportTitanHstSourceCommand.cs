using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Completion;
using Aether.TitanHst.PowerShell.Internal;

namespace Aether.TitanHst.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads the Aeries and HR exports named by a contract and streams canonical staff records.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "TitanHstSource")]
    [OutputType(CanonicalRecordView.TypeName)]
    public sealed class ImportTitanHstSourceCommand : PSCmdlet
    {
        /// <summary>The mapping contract: an object from Import-MappingContract, or the path of a contract file.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [MappingContractTransformation]
        [ArgumentCompleter(typeof(ContractPathCompleter))]
        [ValidateNotNull]
        public MappingContract Contract { get; set; } = null!;

        /// <summary>Reads some sources from other files of the same shape, by source name: @{ hr = './hr-today.csv' }.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SourcePathCompleter))]
        public Hashtable? SourcePath { get; set; }

        /// <summary>Writes one canonical record per in-scope person, streamed, and an error per record that cannot be built.</summary>
        protected override void ProcessRecord()
        {
            var contract = SourcePaths.Apply(this, Contract, SourcePath);
            var extractor = new StaffExtractor(contract);
            var warnings = new WarningSummary(this);
            var progress = new ProgressRecord(1, "Import-TitanHstSource", $"Reading {string.Join(" and ", contract.Sources.Select(s => s.Name))} exports");
            try
            {
                foreach (var item in extractor.Extract())
                {
                    if (item.Record is not null)
                    {
                        WriteObject(CanonicalRecordView.Wrap(item.Record));
                        if (extractor.Statistics.Records % 10000 == 0)
                        {
                            progress.StatusDescription = $"{extractor.Statistics.Records} records";
                            WriteProgress(progress);
                        }
                    }
                    else if (item.Marker is not null)
                    {
                        // A conflict needs a human; out-of-scope people are the normal case and only worth a verbose line.
                        if (item.Marker.Kind == SourceMarkerKind.Conflict)
                        {
                            warnings.Add("Conflict", $"{item.Marker.Key}: {item.Marker.Reason} ({string.Join(", ", item.Marker.Provenance)}); no record is built until the sources agree");
                        }
                        else
                        {
                            WriteVerbose($"{item.Marker.Key}: {item.Marker.Reason}");
                        }
                    }
                    else if (item.Issue!.Severity == IssueSeverity.Error)
                    {
                        WriteError(ErrorRecords.FromIssue(item.Issue));
                    }
                    else
                    {
                        warnings.Add(item.Issue.ErrorId, item.Issue.ToString());
                    }
                }
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
                warnings.Flush("or all of them with Test-MappingContract");
            }

            var s = extractor.Statistics;
            WriteVerbose($"{s.PeopleSeen} people seen: {s.Records} records, {s.OutOfScope} out of scope, {s.Conflicts} in conflict, {s.Skipped} skipped, {s.Errors} errors, {s.Warnings} warnings; rows read: "
                + string.Join(", ", s.RowsRead.Select(p => $"{p.Key} {p.Value}")));
        }
    }
}
