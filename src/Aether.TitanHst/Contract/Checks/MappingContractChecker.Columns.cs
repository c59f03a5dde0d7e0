using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Contract.Checks
{
    /// <summary>The exports' headers against the columns the contract names: what is missing, and which missing column is a key no row check can run without.</summary>
    public sealed partial class MappingContractChecker
    {
        /// <summary>A join key (or position key) column: without it no row can be matched, so no row check can run.</summary>
        private static bool IsKeyColumn(SourceDefinition source, string column) =>
            string.Equals(source.KeyColumn, column, StringComparison.OrdinalIgnoreCase)
            || (source.PositionKeyColumn is not null && string.Equals(source.PositionKeyColumn, column, StringComparison.OrdinalIgnoreCase));

        /// <summary>Every contract column missing from its source's header.</summary>
        private List<(SourceDefinition Source, string Column)> AbsentColumns()
        {
            var absent = new List<(SourceDefinition, string)>();
            foreach (var source in _contract.Sources)
            {
                if (Header(source) is { } header)
                {
                    var present = new HashSet<string>(header, StringComparer.OrdinalIgnoreCase);
                    absent.AddRange(source.Columns.Where(c => !present.Contains(c)).Select(c => (source, c)));
                }
            }

            return absent;
        }

        private static IReadOnlyList<string>? Header(SourceDefinition source)
        {
            try
            {
                using var reader = CsvFileReader.Open(source.Path, new CsvFileOptions(source.Encoding, source.Delimiter), Array.Empty<string>());
                return reader.Header;
            }
            catch (InputFileException)
            {
                return null;
            }
        }

        /// <summary>Every contract column missing from its source's header, each with the likely new name.</summary>
        private IEnumerable<ContractCheckResult> MissingColumns()
        {
            foreach (var source in _contract.Sources)
            {
                IReadOnlyList<string> header;
                ContractCheckResult? wrongDelimiter = null;
                try
                {
                    using var reader = CsvFileReader.Open(source.Path, new CsvFileOptions(source.Encoding, source.Delimiter), Array.Empty<string>());
                    header = reader.Header;
                    HeaderDelimiter.Check(header, source.Columns, source.Delimiter, source.Path, reader.HeaderLine);
                }
                catch (InputFileException ex) when (ex.ErrorId == InputErrorIds.SourceColumnMissing)
                {
                    // Every column missing because of one wrong delimiter: one error naming the delimiter, not one per column.
                    wrongDelimiter = SourceHeaderDriftCheck.Unreadable(ex);
                    header = Array.Empty<string>();
                }
                catch (InputFileException)
                {
                    continue;
                }

                if (wrongDelimiter is not null)
                {
                    yield return wrongDelimiter;
                    continue;
                }

                var present = new HashSet<string>(header, StringComparer.OrdinalIgnoreCase);
                foreach (var column in source.Columns.Where(c => !present.Contains(c)))
                {
                    var guess = ColumnSuggestion.Closest(column, header, source.Columns);
                    var hint = guess is null ? $"found: {string.Join(", ", header)}" : $"did you mean {guess}?";
                    yield return new ContractCheckResult(CheckRules.SourceReadable, CheckSeverity.Error,
                        $"source '{source.Name}': column '{column}' is named in the contract but is missing from the header of {source.RelativePath} ({hint})",
                        new[] { $"{source.RelativePath}:1: {column}" + (guess is null ? string.Empty : $" -> {guess}") });
                }
            }
        }
    }
}
