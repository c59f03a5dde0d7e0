using System.Collections.Generic;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Canonical
{
    /// <summary>Reads a source's rows with their join keys, reporting rows that cannot be used.</summary>
    internal static class SourceRowReader
    {
        internal static IEnumerable<(SourceRow? Row, ExtractIssue? Issue)> Read(MappingContract contract, int sourceIndex, ExtractStatistics statistics)
        {
            var source = contract.Sources[sourceIndex];
            var keyOrdinal = IndexOf(source.Columns, source.KeyColumn);
            using var reader = CsvFileReader.Open(source.Path, new CsvFileOptions(source.Encoding, source.Delimiter), source.Columns, $"sources.{source.Name}.columns");
            var count = 0;
            while (reader.Read())
            {
                count++;
                var rawKey = reader[keyOrdinal];
                var key = contract.Join.KeyRules.Apply(rawKey).Value;
                if (reader.RowProblem is not null)
                {
                    yield return (null, new ExtractIssue(IssueSeverity.Error, ExtractErrorIds.SourceRowMalformed, source.Name, source.Path, reader.Line,
                        string.Empty, null, key.Length == 0 ? null : key, reader.RowProblem));
                    continue;
                }

                if (key.Length == 0)
                {
                    var severity = contract.Join.BlankKey == BlankKeyAction.Error ? IssueSeverity.Error : IssueSeverity.Warning;
                    yield return (null, new ExtractIssue(severity, ExtractErrorIds.JoinKeyBlank, source.Name, source.Path, reader.Line, source.KeyColumn, null, null,
                        severity == IssueSeverity.Error ? "the join key is blank" : "the join key is blank; row skipped (join.blankKey: skip)"));
                    continue;
                }

                var values = new string[source.Columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader[i];
                }

                yield return (new SourceRow(sourceIndex, reader.Line, key, values), null);
            }

            statistics.RowsRead[source.Name] = count;
        }

        internal static int IndexOf(IReadOnlyList<string> columns, string column)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i], column, System.StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
