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
        private static readonly char[] ControlCharacters = { '\t', '\r', '\n' };

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

                    // A code holding an invisible or control character (a byte order mark pasted mid-file) can never
                    // match an export's code, which has such characters stripped or refused: every person with the code
                    // it looks like would be a Conflict naming a code the table visibly lists. Named here, by its line.
                    if (Invisible(key) is { } inKey)
                    {
                        throw new InputFileException(InputErrorIds.MappingTableKeyInvalid, path, reader.Line, keyColumn,
                            $"code '{UnsafeCharacters.Strip(key)}' holds {inKey}, so no export's code can ever match it; remove it from the file");
                    }

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

                    // What a table maps to is written to TitanHST as it is: exports have their invisible and control
                    // characters stripped or refused (inputSafety), and a table's values are held to the same standard.
                    // A code holds no tab or line break either (which export text may).
                    if (Invisible(value) is { } inValue)
                    {
                        throw new InputFileException(InputErrorIds.MappingTableValueInvalid, path, reader.Line, valueColumn,
                            $"code '{UnsafeCharacters.Strip(key)}' maps to a value holding {inValue}; TitanHST would be sent it as it is");
                    }

                    entries.Add(key, entry);
                }

                // The contract's hash covers exactly the bytes the table was read from.
                hash = reader.Hash;
            }

            return new MappingTable(name, path, relativePath, keyColumn, valueColumn, reference, unmapped, keyRules, entries, duplicates, hash);
        }

        // The control, invisible or direction character a table's code or value holds, described; null when none.
        private static string? Invisible(string text)
        {
            var control = text.IndexOfAny(ControlCharacters);
            return control >= 0 ? $"a control character (U+{(int)text[control]:X4})" : UnsafeCharacters.Any(text) ? UnsafeCharacters.Describe(text) : null;
        }
    }
}
