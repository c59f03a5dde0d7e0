using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Normalization;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Canonical
{
    /// <summary>One source export read once: its rows, its row problems in file order, and the hash of the bytes read.</summary>
    internal sealed class SourceFileRead
    {
        internal SourceFileRead(SourceRowStore rows, List<(int Before, ExtractIssue Issue)> issues, string hash, int rowCount, bool shared)
        {
            Shared = shared;
            Rows = rows;
            Issues = issues;
            Hash = hash;
            RowCount = rowCount;
        }

        /// <summary>The rows with a key, in file order.</summary>
        internal SourceRowStore Rows { get; }

        /// <summary>The row problems in file order, each with how many <see cref="Rows"/> come before it.</summary>
        internal IReadOnlyList<(int Before, ExtractIssue Issue)> Issues { get; }

        internal string Hash { get; }

        /// <summary>Read for two extractions (<see cref="SharedSourceReads"/>): neither may let go of its rows.</summary>
        internal bool Shared { get; }

        /// <summary>Every row read, with a key or not.</summary>
        internal int RowCount { get; }
    }

    /// <summary>Reads a source's rows with their join keys, reporting rows that cannot be used.</summary>
    internal static class SourceRowReader
    {
        /// <summary>The characters a spreadsheet starts a formula with.</summary>
        [MethodImpl(Hot.Path)]
        internal static bool StartsLikeFormula(string key) => StartsLikeFormula(key.AsSpan());

        /// <summary>The characters a spreadsheet starts a formula with, read from a key not yet made a string.</summary>
        [MethodImpl(Hot.Path)]
        private static bool StartsLikeFormula(ReadOnlySpan<char> key) => key.Length > 0 && key[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

        [MethodImpl(Hot.Path)]
        internal static SourceFileRead Read(MappingContract contract, int sourceIndex, bool missingColumnsReadBlank = false, bool shared = false)
        {
            var source = contract.Sources[sourceIndex];
            var safety = contract.InputSafety;
            var keyOrdinal = IndexOf(source.Columns, source.KeyColumn);
            var rows = new SourceRowStore(sourceIndex, source.Columns.Count);
            var issues = new List<(int Before, ExtractIssue Issue)>();
            using var reader = CsvFileReader.Open(source.Path, new CsvFileOptions(source.Encoding, source.Delimiter, missingColumnsReadBlank), source.Columns, $"sources.{source.Name}.columns");
            var count = 0;
            while (reader.Read())
            {
                count++;
                if (reader.RowProblem is not null)
                {
                    // Nothing read from a shifted or swallowed row is a key: it holds back every person it could be.
                    issues.Add((rows.Count, Untrusted(reader.RowsSwallowed ? ExtractErrorIds.SourceRowsSwallowed : ExtractErrorIds.SourceRowMalformed, source, reader.StartLine,
                        string.Empty, $"{reader.RowProblem}; no key is read from it, and every person it could belong to is held back as a conflict",
                        CandidateKeys(contract, reader.Tokens()))));
                    continue;
                }

                var keySpan = reader.ValueSpan(keyOrdinal);
                if (IsPrintableAscii(keySpan) && contract.Join.KeyRules.LeavesPrintableAsciiUnchanged(keySpan) && (safety.AllowFormulaKeys || !StartsLikeFormula(keySpan)))
                {
                    // The usual key: text the rules give back as it is, so the row keeps no key string (it is read back
                    // from the row's own cell) and its hash is taken here, on the reading thread. The checks below
                    // pass for it by construction: not blank, no unsafe character, not a formula.
                    var keyHash = KeyHash.Of(keySpan);
                    SetValues(rows, reader, source.Columns.Count);
                    rows.AddRowKeyedByColumn(reader.Line, keyOrdinal, keyHash);
                    continue;
                }

                var rawKey = reader[keyOrdinal];
                if (UnsafeCharacters.Any(rawKey))
                {
                    var stripped = KeyOf(contract, UnsafeCharacters.Strip(rawKey));
                    if (safety.UnsafeCharacters == UnsafeCharacterAction.Reject)
                    {
                        issues.Add((rows.Count, Untrusted(ExtractErrorIds.TextCharactersInvalid, source, reader.Line, source.KeyColumn,
                            $"the join key holds {UnsafeCharacters.Describe(rawKey)} (inputSafety.unsafeCharacters: reject)", stripped.Length == 0 ? new List<string>() : new List<string> { stripped })));
                        continue;
                    }

                    issues.Add((rows.Count, new ExtractIssue(IssueSeverity.Warning, ExtractErrorIds.TextCharactersRemoved, source.Name, source.Path, reader.Line, source.KeyColumn, null,
                        stripped.Length == 0 ? null : stripped, $"{UnsafeCharacters.Describe(rawKey)} removed from the join key (inputSafety.unsafeCharacters: strip)")));
                    rawKey = UnsafeCharacters.Strip(rawKey);
                }

                var keyOutcome = contract.Join.KeyRules.Apply(rawKey);
                if (keyOutcome.Kind != RuleOutcomeKind.Value)
                {
                    // A key the contract's own rules reject (a replace pattern that timed out, a map without the value)
                    // is not a key: the value it stopped at is only a candidate.
                    issues.Add((rows.Count, Untrusted(ExtractErrorIds.JoinKeyInvalid, source, reader.Line, source.KeyColumn,
                        $"the join key cannot be normalized (join.normalize: {keyOutcome.Reason ?? "invalid"})",
                        keyOutcome.Value.Trim().Length == 0 ? new List<string>() : new List<string> { keyOutcome.Value.Trim() })));
                    continue;
                }

                var key = keyOutcome.Value;
                if (key.Length == 0)
                {
                    var severity = contract.Join.BlankKey == BlankKeyAction.Error ? IssueSeverity.Error : IssueSeverity.Warning;
                    issues.Add((rows.Count, new ExtractIssue(severity, ExtractErrorIds.JoinKeyBlank, source.Name, source.Path, reader.Line, source.KeyColumn, null, null,
                        severity == IssueSeverity.Error ? "the join key is blank" : "the join key is blank; row skipped (join.blankKey: skip)")));
                    continue;
                }

                if (!safety.AllowFormulaKeys && StartsLikeFormula(key))
                {
                    // The key is not echoed: it is the text a spreadsheet would run.
                    issues.Add((rows.Count, Untrusted(ExtractErrorIds.JoinKeyUnsafe, source, reader.Line, source.KeyColumn,
                        $"the join key begins with {Describe(key[0])}, which a spreadsheet runs as a formula; fix the export or set inputSafety.allowFormulaKeys", new List<string> { key })));
                    continue;
                }

                SetValues(rows, reader, source.Columns.Count);
                rows.AddRow(reader.Line, key);
            }

            if (count == 0 && !source.AllowEmpty)
            {
                // A header and nothing else is what a failed export job leaves as often as an empty file: read as it
                // is, everyone only in this export looks gone (deactivations under the thresholds) and everyone else
                // loses what it held.
                throw new InputFileException(InputErrorIds.SourceFileEmpty, source.Path, 1, string.Empty,
                    $"the export has a header and no rows; re-run the export, or set sources.{source.Name}.allowEmpty to true if it may be empty");
            }

            rows.Complete();
            return new SourceFileRead(rows, issues, reader.Hash, count, shared);
        }

        [MethodImpl(Hot.Path)]
        private static void SetValues(SourceRowStore rows, CsvFileReader reader, int columnCount)
        {
            for (var i = 0; i < columnCount; i++)
            {
                // From the reader's characters: a repeated value makes no string at all, and a value that does not
                // repeat (the key column's raw text too) is kept as bytes, a string only when a person built reads it.
                rows.Set(i, reader.ValueSpan(i));
            }
        }

        /// <summary>Whether every character is printable ASCII (U+0020-U+007E), and there is at least one.</summary>
        [MethodImpl(Hot.Path)]
        private static bool IsPrintableAscii(ReadOnlySpan<char> value)
        {
            if (value.Length == 0)
            {
                return false;
            }

            foreach (var c in value)
            {
                if ((uint)(c - 0x20) >= 0x5F)
                {
                    return false;
                }
            }

            return true;
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

        private static string KeyOf(MappingContract contract, string raw) => contract.Join.KeyRules.Apply(raw).Value;

        private static List<string> CandidateKeys(MappingContract contract, IEnumerable<string> tokens) =>
            tokens.Select(t => KeyOf(contract, UnsafeCharacters.Strip(t))).Where(k => k.Length > 0).Distinct(System.StringComparer.Ordinal).ToList();

        private static ExtractIssue Untrusted(string id, SourceDefinition source, int line, string column, string message, List<string> candidates) =>
            new(IssueSeverity.Error, id, source.Name, source.Path, line, column, null, null, message) { CandidateKeys = candidates };

        private static string Describe(char c) => c switch
        {
            '\t' => "a tab",
            '\r' => "a carriage return",
            _ => $"'{c}'",
        };
    }
}
