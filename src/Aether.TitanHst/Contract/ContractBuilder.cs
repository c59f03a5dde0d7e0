using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Normalization;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Sources;

namespace Aether.TitanHst.Contract
{
    /// <summary>Validates a parsed contract document and builds the <see cref="MappingContract"/> it describes.</summary>
    internal sealed partial class ContractBuilder
    {
        // '\z', not '$': .NET's '$' also matches before a final "\n", which let "1.0.0\n" pass (issue 15).
        private static readonly Regex IdShape = new(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant);
        private static readonly Regex SemVer = new(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?\z", RegexOptions.CultureInvariant);
        private static readonly Regex NameShape = new(@"^[A-Za-z][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);

        private readonly ContractDocument _doc;
        private readonly string _path;
        private readonly string _directory;

        internal ContractBuilder(ContractDocument document, string path)
        {
            _doc = document;
            _path = path;
            _directory = Path.GetDirectoryName(path) ?? ".";
        }

        internal MappingContract Build(byte[] canonicalJson)
        {
            if (_doc.ContractFormat is null)
            {
                throw Missing("contractFormat", $"say which contract format this is: \"contractFormat\": {ContractLoader.SupportedFormat}");
            }

            if (_doc.ContractFormat != ContractLoader.SupportedFormat)
            {
                throw new ContractPathException("contractFormat", $"format {_doc.ContractFormat} is not supported; this module reads format {ContractLoader.SupportedFormat}");
            }

            var id = Require(_doc.Id, "id");
            if (!IdShape.IsMatch(id))
            {
                throw new ContractPathException("id", "use letters, digits, '.', '_' and '-' only");
            }

            var version = Require(_doc.Version, "version");
            if (!SemVer.IsMatch(version))
            {
                throw new ContractPathException("version", $"'{version}' is not a semantic version such as 1.2.0");
            }

            var inputSafety = BuildInputSafety();
            var sources = BuildSources(inputSafety);
            var tables = BuildTables(inputSafety);
            var rules = new RuleCompiler(tables);
            var join = BuildJoin(sources, rules);
            var matchKey = Require(_doc.MatchKeyField, "matchKeyField");
            var fields = BuildFields(sources, rules, matchKey);
            var scope = BuildConditions(_doc.Scope?.Include, "scope.include", fields);
            var policies = new ContractPolicies(BuildReview(fields), BuildConflicts(fields), BuildConditions(_doc.TargetScope?.Include, "targetScope.include", null), BuildSafety(), BuildAudit(fields));

            var hash = ComputeHash(canonicalJson, tables.Values);
            if (_doc.TitanHstSchemaVersion is { } schema && (schema.Trim().Length == 0 || schema.Length > 64))
            {
                throw new ContractPathException("titanHstSchemaVersion", "must be the non-empty schemaVersion TitanHST reports (at most 64 characters)");
            }

            return new MappingContract(id, version, _doc.Description ?? string.Empty, _path, hash, sources, join, matchKey, scope, fields, tables, policies, inputSafety)
            {
                TitanHstSchemaVersion = _doc.TitanHstSchemaVersion,
                CanonicalContent = canonicalJson,
            };
        }

        private List<SourceDefinition> BuildSources(InputSafety inputSafety)
        {
            if (_doc.Sources is null || _doc.Sources.Count == 0)
            {
                throw Missing("sources", "name at least one source export");
            }

            var keys = _doc.Join?.Keys ?? new Dictionary<string, string>();
            var result = new List<SourceDefinition>();
            foreach (var pair in _doc.Sources)
            {
                var at = $"sources.{pair.Key}";
                CheckName(pair.Key, at);
                var source = pair.Value ?? throw new ContractPathException(at, "must be an object");
                var relative = Require(source.Path, $"{at}.path");
                var encoding = CheckEncoding(source.Encoding, $"{at}.encoding");
                var delimiter = CheckDelimiter(source.Delimiter, $"{at}.delimiter");
                if (source.Columns is null || source.Columns.Count == 0)
                {
                    throw Missing($"{at}.columns", "list the columns the contract reads from this export");
                }

                CheckUnique(source.Columns, $"{at}.columns", StringComparer.OrdinalIgnoreCase);
                if (!keys.TryGetValue(pair.Key, out var keyColumn))
                {
                    throw Missing($"join.keys.{pair.Key}", $"name the column of source '{pair.Key}' that holds the join key");
                }

                if (!source.Columns.Contains(keyColumn, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ContractPathException($"join.keys.{pair.Key}", $"column '{keyColumn}' is not listed in {at}.columns");
                }

                var positionKey = BuildRows(source, at);
                result.Add(new SourceDefinition(pair.Key, ContractPaths.Resolve(_directory, relative, $"{at}.path", inputSafety.AllowPathsOutsideContractFolder), relative, encoding, delimiter, source.Columns, keyColumn, positionKey, source.AllowEmpty == true));
            }

            foreach (var name in keys.Keys.Where(k => !_doc.Sources.ContainsKey(k)))
            {
                throw new ContractPathException($"join.keys.{name}", $"there is no source named '{name}'");
            }

            return result;
        }

        private Dictionary<string, MappingTable> BuildTables(InputSafety inputSafety)
        {
            var tables = new Dictionary<string, MappingTable>(StringComparer.Ordinal);
            var keyRulesCompiler = new RuleCompiler(tables);
            foreach (var pair in _doc.MappingTables ?? new Dictionary<string, MappingTableDocument>())
            {
                var at = $"mappingTables.{pair.Key}";
                CheckName(pair.Key, at);
                var table = pair.Value ?? throw new ContractPathException(at, "must be an object");
                var relative = Require(table.Path, $"{at}.path");
                var keyColumn = Require(table.KeyColumn, $"{at}.keyColumn");
                var valueColumn = Require(table.ValueColumn, $"{at}.valueColumn");
                if (table.Reference is not null && table.Reference != "role" && table.Reference != "site")
                {
                    throw new ContractPathException($"{at}.reference", "must be \"role\" or \"site\" (the TitanHST reference list the values must exist in)");
                }

                var keyRules = table.KeyNormalize is null
                    ? new RulePipeline(new INormalizationRule[] { new TrimRule(), new CaseRule(upper: true) })
                    : keyRulesCompiler.Compile(table.KeyNormalize, $"{at}.keyNormalize");
                var unmapped = RuleCompiler.ParseUnmapped(table.Unmapped, $"{at}.unmapped", allowKeep: false);
                var options = new CsvFileOptions(CheckEncoding(table.Encoding, $"{at}.encoding"), CheckDelimiter(table.Delimiter, $"{at}.delimiter"));
                var full = ContractPaths.Resolve(_directory, relative, $"{at}.path", inputSafety.AllowPathsOutsideContractFolder);
                if (InputFiles.IsFolder(full))
                {
                    throw new ContractPathException($"{at}.path", InputFiles.FolderProblem(full), InputErrorIds.PathIsFolder);
                }

                if (!File.Exists(full))
                {
                    // The table's own "file not found" names no line; the line to fix is the contract's path.
                    throw new ContractPathException($"{at}.path", $"the mapping table file '{full}' is not found", InputErrorIds.FileNotFound);
                }

                tables.Add(pair.Key, MappingTableLoader.Load(pair.Key, full, relative, options, keyColumn, valueColumn, table.Reference, unmapped, keyRules, $"{at}.keyColumn and {at}.valueColumn"));
            }

            return tables;
        }

        private JoinDefinition BuildJoin(List<SourceDefinition> sources, RuleCompiler rules)
        {
            var join = _doc.Join ?? throw Missing("join", "say which column of each source holds the join key");
            var onlyIn = new Dictionary<string, OnlyInAction>(StringComparer.Ordinal);
            foreach (var source in sources)
            {
                var value = join.OnlyIn is not null && join.OnlyIn.TryGetValue(source.Name, out var v) ? v : "include";
                onlyIn[source.Name] = value switch
                {
                    "include" => OnlyInAction.Include,
                    "skip" => OnlyInAction.Skip,
                    "error" => OnlyInAction.Error,
                    _ => throw new ContractPathException($"join.onlyIn.{source.Name}", "must be \"include\", \"skip\" or \"error\""),
                };
            }

            foreach (var name in (join.OnlyIn?.Keys ?? Enumerable.Empty<string>()).Where(n => sources.All(s => s.Name != n)))
            {
                throw new ContractPathException($"join.onlyIn.{name}", $"there is no source named '{name}'");
            }

            var blankKey = join.BlankKey switch
            {
                null or "error" => BlankKeyAction.Error,
                "skip" => BlankKeyAction.Skip,
                _ => throw new ContractPathException("join.blankKey", "must be \"error\" or \"skip\""),
            };
            return new JoinDefinition(rules.Compile(join.Normalize, "join.normalize"), onlyIn, blankKey, CompactJson(join.Normalize));
        }

        /// <summary>A list of rules as compact JSON (no comments, no white space), or "" when there is none.</summary>
        private static string CompactJson(List<System.Text.Json.JsonElement>? elements)
        {
            if (elements is null || elements.Count == 0)
            {
                return string.Empty;
            }

            using var stream = new System.IO.MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                foreach (var element in elements)
                {
                    element.WriteTo(writer);
                }

                writer.WriteEndArray();
            }

            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        private List<FieldDefinition> BuildFields(List<SourceDefinition> sources, RuleCompiler rules, string matchKey)
        {
            if (_doc.Fields is null || _doc.Fields.Count == 0)
            {
                throw Missing("fields", "define at least one field");
            }

            if (_doc.OwnedFields is null)
            {
                throw Missing("ownedFields", "list the TitanHST fields the connector owns (it never writes any other)");
            }

            CheckUnique(_doc.OwnedFields, "ownedFields", StringComparer.Ordinal);
            for (var i = 0; i < _doc.OwnedFields.Count; i++)
            {
                if (!_doc.Fields.ContainsKey(_doc.OwnedFields[i]))
                {
                    throw new ContractPathException($"ownedFields[{i}]", $"'{_doc.OwnedFields[i]}' is not defined under fields");
                }
            }

            if (_doc.Fields.ContainsKey(matchKey))
            {
                throw new ContractPathException($"fields.{matchKey}", $"'{matchKey}' is the match key field; it is filled from the join key, not defined as a field");
            }

            var result = new List<FieldDefinition>();
            foreach (var pair in _doc.Fields)
            {
                var at = $"fields.{pair.Key}";
                CheckName(pair.Key, at);
                var field = pair.Value ?? throw new ContractPathException(at, "must be an object");
                var positions = BuildPositions(field.Positions, $"{at}.positions", sources, rules);
                var fromAssignments = BuildFromAssignments(field, at);
                if (positions is not null || fromAssignments is not null)
                {
                    if (field.From is not null)
                    {
                        throw new ContractPathException($"{at}.from", "a field built from positions or fromAssignments takes no \"from\" columns");
                    }
                }
                else if (field.From is null || field.From.Count == 0)
                {
                    throw Missing($"{at}.from", "list at least one source column, in order of precedence");
                }

                var candidates = (field.From ?? new List<CandidateDocument>()).Select((c, i) => BuildCandidate(c, $"{at}.from[{i}]", sources, rules)).ToList();
                var invalid = field.Invalid switch
                {
                    null or "error" => InvalidValueAction.Error,
                    "blank" => InvalidValueAction.Blank,
                    "skipRecord" => InvalidValueAction.SkipRecord,
                    _ => throw new ContractPathException($"{at}.invalid", "must be \"error\", \"blank\" or \"skipRecord\""),
                };
                var owned = _doc.OwnedFields.Contains(pair.Key);
                if (field.Unique == true && (!owned || positions is not null))
                {
                    throw new ContractPathException($"{at}.unique", "only a field TitanHST is given (listed in ownedFields) and not built from positions can be unique");
                }

                result.Add(new FieldDefinition(pair.Key, candidates, rules.Compile(field.Normalize, $"{at}.normalize"), field.Required ?? false, invalid,
                    field.Pii ?? true, field.Reportable ?? false, owned, positions, fromAssignments, field.Unique ?? false));
            }

            CheckPositionFields(result, sources);
            return result;
        }

        private static FieldCandidate BuildCandidate(CandidateDocument? candidate, string at, List<SourceDefinition> sources, RuleCompiler rules)
        {
            if (candidate is null)
            {
                throw new ContractPathException(at, "must be an object with source and column");
            }

            var sourceName = candidate.Source ?? throw new ContractPathException(at, "the \"source\" property is missing", InputErrorIds.ContractPropertyMissing);
            var source = sources.FirstOrDefault(s => s.Name == sourceName)
                ?? throw new ContractPathException($"{at}.source", $"there is no source named '{sourceName}' (defined: {string.Join(", ", sources.Select(s => s.Name))})");
            var column = candidate.Column ?? throw new ContractPathException(at, "the \"column\" property is missing", InputErrorIds.ContractPropertyMissing);
            var ordinal = -1;
            for (var i = 0; i < source.Columns.Count; i++)
            {
                if (string.Equals(source.Columns[i], column, StringComparison.OrdinalIgnoreCase))
                {
                    ordinal = i;
                }
            }

            if (ordinal < 0)
            {
                throw new ContractPathException($"{at}.column", $"column '{column}' is not listed in sources.{sourceName}.columns");
            }

            return new FieldCandidate(sourceName, sources.IndexOf(source), column, ordinal, rules.Compile(candidate.Normalize, $"{at}.normalize"));
        }

        private static string ComputeHash(byte[] canonicalJson, IEnumerable<MappingTable> tables)
        {
            var builder = new StringBuilder();
            builder.Append(Encoding.UTF8.GetString(canonicalJson));
            foreach (var table in tables.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                builder.Append('\n').Append(table.Name).Append(':').Append(table.Hash);
            }

            return ContentHash.OfText(builder.ToString());
        }

        // A mapping table is read while the contract loads: an encoding not checked here failed there as a bare ArgumentException.
        private static string CheckEncoding(string? encoding, string at)
        {
            var value = encoding ?? TextEncodings.Utf8;
            try
            {
                TextEncodings.Resolve(value);
            }
            catch (ArgumentException ex)
            {
                throw new ContractPathException(at, ex.Message);
            }

            return value;
        }

        private static string CheckDelimiter(string? delimiter, string at)
        {
            var value = delimiter ?? ",";
            if (value.Length == 0 || value.Length > 2 || value.Contains("\"") || value.Contains("\n") || value.Contains("\r"))
            {
                throw new ContractPathException(at, "must be one or two characters, without a quote or a line break, such as \",\", \";\", \"|\", \"\\t\" or \"||\"");
            }

            return value;
        }

        private static void CheckName(string name, string at)
        {
            if (!NameShape.IsMatch(name))
            {
                throw new ContractPathException(at, $"'{name}' is not a valid name: start with a letter, then letters, digits or '_'");
            }
        }

        private static void CheckUnique(List<string> values, string at, StringComparer comparer)
        {
            var seen = new HashSet<string>(comparer);
            for (var i = 0; i < values.Count; i++)
            {
                if (!seen.Add(values[i]))
                {
                    throw new ContractPathException($"{at}[{i}]", $"'{values[i]}' is listed twice");
                }
            }
        }

        private static string Require(string? value, string at) =>
            string.IsNullOrWhiteSpace(value) ? throw Missing(at, "a value is required") : value!;

        private static ContractPathException Missing(string at, string hint) =>
            new(at, $"the property is missing or empty: {hint}", InputErrorIds.ContractPropertyMissing);
    }
}
