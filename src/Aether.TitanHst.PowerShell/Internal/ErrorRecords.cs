using System;
using System.Management.Automation;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.PowerShell.Internal
{
    /// <summary>Turns engine problems into ErrorRecords with stable ids, the right category and the failing item as target.</summary>
    internal static class ErrorRecords
    {
        internal static ErrorRecord FromInputFile(InputFileException ex) =>
            new(ex, ex.ErrorId, Category(ex), ex.File)
            {
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = Recommend(ex) },
            };

        /// <summary>A folder given where a command writes a file (-Path of an export).</summary>
        internal static ErrorRecord OutputIsFolder(string path) => FromInputFile(InputFiles.Folder(path, InputPathOrigin.CommandLine));

        // A folder typed on the command line is a wrong argument; one read from a contract is wrong data in the contract.
        private static ErrorCategory Category(InputFileException ex) => ex.ErrorId switch
        {
            InputErrorIds.FileNotFound => ErrorCategory.ObjectNotFound,
            InputErrorIds.PathIsFolder => ex.Origin == InputPathOrigin.CommandLine ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidData,
            _ => ErrorCategory.InvalidData,
        };

        private static string Recommend(InputFileException ex) => (ex.ErrorId, ex.Origin) switch
        {
            (InputErrorIds.FileNotFound, InputPathOrigin.CommandLine) =>
                "Check the path and the current folder: a relative path is resolved against PowerShell's current location (Get-Location).",
            (InputErrorIds.PathIsFolder, InputPathOrigin.CommandLine) => "Give the path of a file, not of the folder holding it.",
            (InputErrorIds.PathIsFolder, _) => "Correct the path in the contract to name the file, not the folder holding it.",
            _ => Recommend(ex.ErrorId),
        };

        internal static ErrorRecord FromIssue(ExtractIssue issue) =>
            new(new InvalidOperationException(issue.ToString()), issue.ErrorId, ErrorCategory.InvalidData, issue);

        internal static ErrorRecord Argument(string errorId, string message, object? target) =>
            new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

        private static string Recommend(string errorId) => errorId switch
        {
            InputErrorIds.FileNotFound => "Check the path; paths inside a contract are relative to the contract's folder.", // a path read from a contract
            InputErrorIds.SourceEncodingInvalid => "Set the source's \"encoding\" in the contract to the file's real encoding, or re-export the file.",
            InputErrorIds.SourceColumnMissing => "Re-export with the column, or correct the column name in the contract.",
            InputErrorIds.SourceHeaderDuplicate => "Rename or remove one of the duplicate columns in the export.",
            InputErrorIds.SourceFileEmpty => "Re-run the export; an empty file would deactivate everyone.",
            InputErrorIds.ContractPropertyUnknown => "Check the spelling against docs/mapping-contract.md or the JSON Schema.",
            InputErrorIds.MappingTableConflict => "Keep one row per code in the mapping table.",
            InputErrorIds.ContractPropertyDuplicate => "Keep one of the two properties; a JSON reader would silently use only the last.",
            InputErrorIds.ContractPathOutsideFolder => "Keep exports and mapping tables in the contract's folder, or set inputSafety.allowPathsOutsideContractFolder.",
            InputErrorIds.ContractPathInvalid => "Correct the path: it holds a character no file name can have.",
            InputErrorIds.SourceChangedDuringRun => "Wait until the export job has finished writing the file, then run the command again.",
            Aether.TitanHst.Review.ReviewErrorIds.ReviewSheetNotUtf8 => "In Excel, save the sheet with File > Save As > 'CSV UTF-8 (Comma delimited)', or export a new sheet with Export-TitanHstReview.",
            AuditErrorIds.AuditEntryInvalid => "Run Test-TitanHstAuditLog to find the first entry that was changed.",
            AuditErrorIds.AuditLogInvalid => "Run Test-TitanHstAuditLog, investigate the entry it names, and keep the files as evidence.",
            AuditErrorIds.AuditLockTimeout => "Another apply or audit command is writing to the log; try again when it has finished.",
            _ => "Fix the file at the line shown and run the command again.",
        };
    }
}
