using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Contract.Checks
{
    /// <summary>
    /// Runs every check of a contract against its sources (and, when given, TitanHST's reference lists).
    /// Each check yields at least one result, so a passing check is visible too (as Information).
    /// </summary>
    public sealed partial class MappingContractChecker
    {
        private const int MaxItems = 25;

        private readonly MappingContract _contract;

        public MappingContractChecker(MappingContract contract) => _contract = contract;

        /// <summary>TitanHST's role codes; when set, role mapping tables are checked against them.</summary>
        public IReadOnlyCollection<string>? TargetRoles { get; set; }

        /// <summary>TitanHST's site codes; when set, site mapping tables are checked against them.</summary>
        public IReadOnlyCollection<string>? TargetSites { get; set; }

        /// <summary>Compares the exports' headers with the recorded ones (and records them the first time); null skips the check.</summary>
        public SourceHeaderDriftCheck? HeaderDrift { get; set; }

        /// <summary>Called with the number of people seen so far, for progress.</summary>
        public Action<int>? Progress { get; set; }

        public IEnumerable<ContractCheckResult> Run()
        {
            // The header drift check meets an unreadable export before the reader does, and reports the reader's own
            // error: one mistake in an export is one error, whichever check meets it first.
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var result in RunChecks())
            {
                if (result.Rule != CheckRules.SourceReadable || result.GetSeverity() != CheckSeverity.Error || reported.Add(result.Message))
                {
                    yield return result;
                }
            }
        }

        private IEnumerable<ContractCheckResult> RunChecks()
        {
            yield return new ContractCheckResult(CheckRules.ContractValid, CheckSeverity.Information,
                $"contract {_contract.Id} {_contract.Version} loaded ({_contract.Fields.Count} fields, {_contract.MappingTables.Count} mapping tables, hash {_contract.ShortHash})");

            foreach (var result in CheckVersion())
            {
                yield return result;
            }

            foreach (var result in CheckTables())
            {
                yield return result;
            }

            foreach (var result in CheckEncodings())
            {
                yield return result;
            }

            foreach (var result in HeaderDrift?.Run() ?? Enumerable.Empty<ContractCheckResult>())
            {
                yield return result;
            }

            var positionsField = _contract.Fields.FirstOrDefault(f => f.Positions is not null);
            var extractor = new StaffExtractor(_contract);
            var issues = new List<ExtractIssue>();
            var withoutPosition = 0;
            ContractCheckResult? readFailure = null;
            List<ContractCheckResult>? missingColumns = null;
            try
            {
                withoutPosition = Extract(extractor, positionsField, issues);
            }
            catch (InputFileException ex) when (ex.ErrorId == InputErrorIds.SourceColumnMissing)
            {
                // A renamed column: name every missing column of every source with its likely new name, not only the first.
                missingColumns = MissingColumns().ToList();
                if (missingColumns.Count == 0)
                {
                    readFailure = new ContractCheckResult(CheckRules.SourceReadable, CheckSeverity.Error, ex.Message, new[] { $"{ex.File}:{ex.Line}" });
                }
            }
            catch (InputFileException ex)
            {
                readFailure = new ContractCheckResult(CheckRules.SourceReadable, CheckSeverity.Error, ex.Message, new[] { $"{ex.File}:{ex.Line}" });
            }

            var ranWithout = false;
            if (missingColumns is { Count: > 0 })
            {
                foreach (var missing in missingColumns)
                {
                    yield return missing;
                }

                // Every check that does not need the missing columns still runs: the sources are read again with
                // those columns blank, and what the blanks cause (the fields reading them) is left out and said so.
                var absent = AbsentColumns();
                if (!absent.Any(a => IsKeyColumn(a.Source, a.Column)))
                {
                    var fields = new HashSet<string>(
                        _contract.Fields.Where(f => f.Candidates.Any(c => absent.Any(a => a.Source.Name == c.Source && string.Equals(a.Column, c.Column, StringComparison.OrdinalIgnoreCase)))).Select(f => f.Name),
                        StringComparer.Ordinal);
                    extractor = new StaffExtractor(_contract) { MissingColumnsReadBlank = true };
                    issues.Clear();
                    try
                    {
                        withoutPosition = Extract(extractor, positionsField, issues);
                        issues.RemoveAll(i => (i.Field is not null && fields.Contains(i.Field))
                            || absent.Any(a => a.Source.Name == i.Source && string.Equals(a.Column, i.Column, StringComparison.OrdinalIgnoreCase)));
                        ranWithout = true;
                    }
                    catch (InputFileException ex)
                    {
                        readFailure = new ContractCheckResult(CheckRules.SourceReadable, CheckSeverity.Error, ex.Message, new[] { $"{ex.File}:{ex.Line}" });
                    }

                    if (ranWithout)
                    {
                        yield return new ContractCheckResult(CheckRules.SourceReadable, CheckSeverity.Warning,
                            $"the checks below ran without {string.Join(", ", absent.Select(a => $"{a.Source.Name}.{a.Column}"))}; "
                            + (fields.Count == 0 ? "no field reads it" : $"the field(s) {string.Join(", ", fields.OrderBy(f => f, StringComparer.Ordinal))} that read it were not checked"),
                            fields.OrderBy(f => f, StringComparer.Ordinal).ToList());
                    }
                }
            }

            if (readFailure is not null || (missingColumns is { Count: > 0 } && !ranWithout))
            {
                if (readFailure is not null)
                {
                    yield return readFailure;
                }

                // The row checks need the sources (and every join key); say they did not run rather than let silence read as a pass.
                foreach (var rule in new[] { CheckRules.SourceRowsWellFormed, CheckRules.CodesMapped, CheckRules.RequiredFieldsFilled, CheckRules.FieldValuesValid, CheckRules.MatchKeysUnique, CheckRules.JoinCoverage })
                {
                    yield return new ContractCheckResult(rule, CheckSeverity.Warning, "not run: the sources cannot be read until the error above is fixed");
                }

                yield break;
            }

            yield return new ContractCheckResult(CheckRules.SourceReadable, CheckSeverity.Information,
                "sources read: " + string.Join(", ", extractor.Statistics.RowsRead.Select(p => $"{p.Key} {p.Value} rows")));

            yield return FromIssues(CheckRules.SourceRowsWellFormed, issues, ExtractErrorIds.SourceRowMalformed, "every row has the header's field count", "malformed row(s)");
            foreach (var result in CheckCodes(issues))
            {
                yield return result;
            }

            yield return FromIssues(CheckRules.RequiredFieldsFilled, issues, ExtractErrorIds.RequiredFieldMissing, "every required field is filled for in-scope people", "in-scope record(s) miss a required field");
            yield return FromIssues(CheckRules.FieldValuesValid, issues, ExtractErrorIds.FieldValueInvalid, "every value normalizes", "value(s) could not be normalized");
            yield return FromIssues(CheckRules.MatchKeysUnique, issues, ExtractErrorIds.JoinKeyDuplicate, "every match key is unique in each source", "match key(s) appear more than once");
            yield return Coverage(extractor.Statistics, issues);
            if (positionsField is not null)
            {
                foreach (var result in CheckPositions(issues, withoutPosition))
                {
                    yield return result;
                }
            }
        }

        /// <summary>
        /// Position rows (decision 0011): every row readable (ids, FTE, dates, codes: errors, the people are Conflicts);
        /// two primaries (a warning: HR must flag one; the people are Conflicts meanwhile); in-scope people without a
        /// current position. Unmapped position codes are reported by CodesMapped like any other code.
        /// </summary>
        private static IEnumerable<ContractCheckResult> CheckPositions(List<ExtractIssue> issues, int withoutPosition)
        {
            var rowIds = new[] { ExtractErrorIds.PositionKeyBlank, ExtractErrorIds.PositionDuplicate, ExtractErrorIds.PositionFteInvalid, ExtractErrorIds.PositionDateInvalid, ExtractErrorIds.PositionCodeInvalid };
            var bad = issues.Where(i => rowIds.Contains(i.ErrorId)).ToList();
            yield return bad.Count == 0
                ? new ContractCheckResult(CheckRules.PositionRowsValid, CheckSeverity.Information, "every position row has an id, a number for FTE, readable dates and codes")
                : new ContractCheckResult(CheckRules.PositionRowsValid, CheckSeverity.Error, $"{bad.Count} position row(s) cannot be read; those people are Conflicts until fixed",
                    bad.Take(MaxItems).Select(i => $"{Place(i)} {i.Column}: {i.ErrorId}: {i.Message}").ToList(), bad.Count);

            var primaries = issues.Where(i => i.ErrorId == ExtractErrorIds.PositionPrimaryConflict).ToList();
            yield return primaries.Count == 0
                ? new ContractCheckResult(CheckRules.PositionPrimaryUnique, CheckSeverity.Information, "no one has two current positions flagged primary")
                : new ContractCheckResult(CheckRules.PositionPrimaryUnique, CheckSeverity.Warning,
                    $"{primaries.Count} person(s) have two current positions flagged primary; they are Conflicts until HR flags one",
                    primaries.Take(MaxItems).Select(i => $"{Place(i)}: {i.Message}").ToList(), primaries.Count);

            yield return withoutPosition == 0
                ? new ContractCheckResult(CheckRules.PeopleHavePositions, CheckSeverity.Information, "every in-scope person has a current position")
                : new ContractCheckResult(CheckRules.PeopleHavePositions, CheckSeverity.Warning,
                    $"{withoutPosition} in-scope person(s) have no current position (every position ended, or none listed); they are sent without assignments", count: withoutPosition);
        }

        /// <summary>Reads every record, collecting issues; returns how many in-scope people have no current position.</summary>
        private int Extract(StaffExtractor extractor, FieldDefinition? positionsField, List<ExtractIssue> issues)
        {
            var withoutPosition = 0;
            foreach (var item in extractor.Extract())
            {
                if (item.Issue is not null)
                {
                    issues.Add(item.Issue);
                }
                else if (positionsField is not null && item.Record is { } record && record[positionsField.Name] is null)
                {
                    withoutPosition++;
                }
                else if (Progress is not null && extractor.Statistics.PeopleSeen % 5000 == 0)
                {
                    Progress(extractor.Statistics.PeopleSeen);
                }
            }

            return withoutPosition;
        }

        private IEnumerable<ContractCheckResult> CheckVersion()
        {
            var path = ContractVersionHistory.PathFor(_contract);
            ContractVersionHistory? history;
            ContractCheckResult? failure = null;
            try
            {
                history = ContractVersionHistory.Read(path);
            }
            catch (InputFileException ex)
            {
                history = null;
                failure = new ContractCheckResult(CheckRules.VersionBumped, CheckSeverity.Error, ex.Message);
            }

            if (failure is not null)
            {
                yield return failure;
                yield break;
            }

            if (history is null)
            {
                yield return new ContractCheckResult(CheckRules.VersionBumped, CheckSeverity.Warning,
                    $"no version history beside the contract; run Publish-MappingContract to record version {_contract.Version} and its hash");
                yield break;
            }

            var published = history.Find(_contract.Version);
            var latest = history.Latest;
            if (published is not null && published.Hash == _contract.Hash)
            {
                yield return new ContractCheckResult(CheckRules.VersionBumped, CheckSeverity.Information, $"version {_contract.Version} matches its published hash");
            }
            else if (published is not null)
            {
                yield return new ContractCheckResult(CheckRules.VersionBumped, CheckSeverity.Error,
                    $"the contract changed since version {_contract.Version} was published (hash {Short(published.Hash)} then, {_contract.ShortHash} now); bump \"version\" and publish it",
                    new[] { _contract.Version });
            }
            else if (latest is not null && SemanticVersionComparer.Instance.Compare(_contract.Version, latest.Version) <= 0)
            {
                yield return new ContractCheckResult(CheckRules.VersionBumped, CheckSeverity.Error,
                    $"version {_contract.Version} is not greater than the latest published version {latest.Version}", new[] { _contract.Version, latest.Version });
            }
            else
            {
                yield return new ContractCheckResult(CheckRules.VersionBumped, CheckSeverity.Warning,
                    $"version {_contract.Version} is new and not yet published; run Publish-MappingContract once it is reviewed");
            }
        }

        private IEnumerable<ContractCheckResult> CheckTables()
        {
            foreach (var table in _contract.MappingTables.Values)
            {
                yield return table.Duplicates.Count == 0
                    ? new ContractCheckResult(CheckRules.MappingTableUnique, CheckSeverity.Information, $"mapping table '{table.Name}' has {table.Entries.Count} unique codes")
                    : new ContractCheckResult(CheckRules.MappingTableUnique, CheckSeverity.Warning,
                        $"mapping table '{table.Name}' repeats {table.Duplicates.Count} code(s) with the same value; remove the repeats",
                        table.Duplicates.Take(MaxItems).Select(d => $"{d.Key} ({table.RelativePath}:{d.Line})").ToList(), table.Duplicates.Count);

                var targets = table.Reference == "role" ? TargetRoles : table.Reference == "site" ? TargetSites : null;
                if (targets is null)
                {
                    continue;
                }

                var known = new HashSet<string>(targets, StringComparer.OrdinalIgnoreCase);
                var missing = table.Entries.Where(e => !known.Contains(e.Value)).ToList();
                yield return missing.Count == 0
                    ? new ContractCheckResult(CheckRules.MappingTargetsExist, CheckSeverity.Information, $"every value of '{table.Name}' is a TitanHST {table.Reference}")
                    : new ContractCheckResult(CheckRules.MappingTargetsExist, CheckSeverity.Error,
                        $"{missing.Select(m => m.Value).Distinct().Count()} value(s) of mapping table '{table.Name}' are not TitanHST {table.Reference} codes",
                        missing.Take(MaxItems).Select(m => $"{m.Value} ({table.RelativePath}:{m.Line})").ToList(), missing.Count);
            }
        }

        private IEnumerable<ContractCheckResult> CheckEncodings()
        {
            foreach (var source in _contract.Sources.Where(s => !TextEncodings.IsUtf8(s.Encoding) && System.IO.File.Exists(s.Path)))
            {
                if (EncodingSniffer.LooksLikeUtf8(source.Path))
                {
                    yield return new ContractCheckResult(CheckRules.SourceEncoding, CheckSeverity.Warning,
                        $"source '{source.Name}' is declared {source.Encoding} but its bytes look like UTF-8 (names such as Peña would read as PeÃ±a); check sources.{source.Name}.encoding",
                        new[] { source.Path });
                }
            }
        }

        private static IEnumerable<ContractCheckResult> CheckCodes(List<ExtractIssue> issues)
        {
            var unmapped = issues.Where(i => i.ErrorId == ExtractErrorIds.CodeUnmapped).ToList();
            if (unmapped.Count == 0)
            {
                yield return new ContractCheckResult(CheckRules.CodesMapped, CheckSeverity.Information, "every in-scope code is in its mapping table or value map");
                yield break;
            }

            foreach (var group in unmapped.GroupBy(i => (i.Field, i.Severity)))
            {
                var codes = group.GroupBy(i => i.Code ?? string.Empty)
                    .OrderByDescending(g => g.Count())
                    .Select(g => $"{g.Key} ({g.Count()} record{(g.Count() == 1 ? string.Empty : "s")}, first at {Place(g.First())})")
                    .ToList();
                var severity = group.Key.Severity == IssueSeverity.Error ? CheckSeverity.Error : CheckSeverity.Warning;
                yield return new ContractCheckResult(CheckRules.CodesMapped, severity,
                    $"field '{group.Key.Field}': {codes.Count} code(s) are not mapped{(severity == CheckSeverity.Warning ? " (records skipped by policy)" : string.Empty)}; add them to the mapping table and re-run",
                    codes.Take(MaxItems).ToList(), codes.Count);
            }
        }

        private static ContractCheckResult FromIssues(string rule, List<ExtractIssue> issues, string errorId, string passMessage, string failMessage)
        {
            var matching = issues.Where(i => i.ErrorId == errorId).ToList();
            if (matching.Count == 0)
            {
                return new ContractCheckResult(rule, CheckSeverity.Information, passMessage);
            }

            var severity = matching.Any(i => i.Severity == IssueSeverity.Error) ? CheckSeverity.Error : CheckSeverity.Warning;
            var items = matching.Take(MaxItems).Select(i => $"{Place(i)}: {i.Message}").ToList();
            return new ContractCheckResult(rule, severity, $"{matching.Count} {failMessage}", items, matching.Count);
        }

        private ContractCheckResult Coverage(ExtractStatistics stats, List<ExtractIssue> issues)
        {
            var onlyIn = string.Join(", ", _contract.Sources.Select(s => $"only in {s.Name}: {(stats.OnlyIn.TryGetValue(s.Name, out var n) ? n : 0)}"));
            var blank = issues.Count(i => i.ErrorId == ExtractErrorIds.JoinKeyBlank);
            return new ContractCheckResult(CheckRules.JoinCoverage, CheckSeverity.Information,
                $"{stats.PeopleSeen} people: {stats.Records} in scope, {stats.OutOfScope} out of scope, {stats.Skipped} skipped; {onlyIn}; {blank} row(s) with a blank join key");
        }

        private static string Place(ExtractIssue issue) => $"{System.IO.Path.GetFileName(issue.File)}:{issue.Line}";

        private static string Short(string hash) => hash.Length > 19 ? hash.Substring(7, 12) : hash;
    }
}
