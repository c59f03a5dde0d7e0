using System.IO;
using System.Management.Automation;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Errors;
using Aether.TitanHst.PowerShell.Internal;
using Aether.TitanHst.Review;

namespace Aether.TitanHst.PowerShell.Review
{
    /// <summary>
    /// <para type="synopsis">Reads a reviewed sheet back: returns the diff's changes whose rows are approved, refusing edited or outdated rows.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "TitanHstReview")]
    [OutputType(typeof(StaffChange))]
    public sealed class ImportTitanHstReviewCommand : PSCmdlet
    {
        /// <summary>The reviewed CSV file (from Export-TitanHstReview, saved by Excel or any editor).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The diff the sheet is checked against; the changes returned are this diff's own.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        public StaffChange[] Diff { get; set; } = null!;

        /// <summary>Reads the sheet; writes one error per refused row and returns nothing when any row is refused.</summary>
        protected override void ProcessRecord()
        {
            var path = PathResolver.Resolve(this, Path);
            ReviewImport result;
            try
            {
                result = ReviewSheetReader.Read(path, Diff);
            }
            catch (InputFileException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromInputFile(ex));
                return;
            }

            foreach (var problem in result.Problems)
            {
                WriteError(new ErrorRecord(problem, problem.ErrorId, ErrorCategory.InvalidData, problem.File + ":" + problem.Line)
                {
                    ErrorDetails = new ErrorDetails(problem.Message) { RecommendedAction = Recommend(problem.ErrorId) },
                });
            }

            if (result.Problems.Count > 0)
            {
                // Nothing half-taken: one refused row refuses the sheet, so a plan never holds part of a review.
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidDataException($"{path}: {result.Problems.Count} approved row(s) refused (first: line {result.Problems[0].Line}); no change was taken from the sheet."),
                    ReviewErrorIds.ReviewRefused, ErrorCategory.InvalidData, path));
            }

            WriteVerbose($"{result.Approved.Count} of {result.Rows} row(s) approved in {path}.");
            WriteObject(result.Approved, enumerateCollection: true);
        }

        private static string Recommend(string errorId) => errorId switch
        {
            ReviewErrorIds.ReviewRowEdited => "Export a new sheet with Export-TitanHstReview and approve again without changing values; change data in the sources.",
            ReviewErrorIds.ReviewRowStale => "Run Get-TitanHstDiff again, export a new review sheet and review it.",
            ReviewErrorIds.ReviewApproveInvalid => "Write yes (or x) in the Approve column to approve a row; leave it blank or write no otherwise.",
            ReviewErrorIds.ReviewRowDuplicate => "Delete the duplicate row.",
            _ => "Clear the Approve cell of this row.",
        };
    }
}
