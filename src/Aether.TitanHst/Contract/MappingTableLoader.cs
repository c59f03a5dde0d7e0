using System.Collections.Generic;
using System.IO;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Normalization;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Contract
{
    /// <summary>Reads a mapping table's CSV file into a lookup, refusing keys mapped two different ways.</summary>
    internal static class MappingTableLoader
    {
        internal static MappingTable Load(string name, string path, string relativePath, CsvFileOptions options, string keyColumn, string valueColumn,
            string? reference, UnmappedPolicy unmapped, RulePipeline keyRules, string columnsProperty)
        {
            var entries = MappingTable.NewIndex();
            var duplicates = new List<MappingTableEntry>();
            string hash;
            using (var reader = CsvFileReader.Open(path, options, new[] { keyColumn, valueColumn }, columnsProperty))
            {
                while (reader.Read())
                {
                    if (reader.RowProblem is not null)
                    {
                        throw new InputFileException(InputErrorIds.SourceRowMalformed, path, reader.Line, string.Empty, reader.RowProblem);
                    }

                    var rawKey = reader[0];
                    var value = reader[1].Trim();
                    if (rawKey.Trim().Length == 0 && value.Length == 0)
                    {
                        continue;
                    }

                    var key = keyRules.Apply(rawKey).Value;
                    if (key.Length == 0)
                    {
                        throw new InputFileException(InputErrorIds.MappingTableConflict, path, reader.Line, keyColumn, "the code is blank");
                    }

                    if (value.Length == 0)
                    {
                        throw new InputFileException(InputErrorIds.MappingTableConflict, path, reader.Line, valueColumn, $"code '{key}' maps to a blank value");
                    }

                    var entry = new MappingTableEntry(key, value, reader.Line);
                    if (entries.TryGetValue(key, out var first))
                    {
                        if (first.Value != value)
                        {
                            throw new InputFileException(InputErrorIds.MappingTableConflict, path, reader.Line, keyColumn,
                                $"code '{key}' maps to '{value}' here but to '{first.Value}' on line {first.Line}; keep one");
                        }

                        duplicates.Add(entry);
                        continue;
                    }

                    entries.Add(key, entry);
                }

                // The contract's hash covers exactly the bytes the table was read from.
                hash = reader.Hash;
            }

            return new MappingTable(name, path, relativePath, keyColumn, valueColumn, reference, unmapped, keyRules, entries, duplicates, hash);
        }
    }
}
