using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Contract
{
    // Sources with one row per position, the positions field and the fields that mirror its primary (decision 0011).
    internal sealed partial class ContractBuilder
    {
        private static string? BuildRows(SourceDocument source, string at)
        {
            switch (source.Rows)
            {
                case null or "onePerPerson":
                    if (source.PositionKey is not null)
                    {
                        throw new ContractPathException($"{at}.positionKey", "a position key is only read from a source with \"rows\": \"onePerPosition\"");
                    }

                    return null;
                case "onePerPosition":
                    var key = Require(source.PositionKey, $"{at}.positionKey");
                    if (!source.Columns!.Contains(key, StringComparer.OrdinalIgnoreCase))
                    {
                        throw new ContractPathException($"{at}.positionKey", $"column '{key}' is not listed in {at}.columns");
                    }

                    return key;
                default:
                    throw new ContractPathException($"{at}.rows", "must be \"onePerPerson\" or \"onePerPosition\"");
            }
        }

        private static AssignmentPart? BuildFromAssignments(FieldDocument field, string at) => field.FromAssignments switch
        {
            null => null,
            "site" => AssignmentPart.Site,
            "role" => AssignmentPart.Role,
            _ => throw new ContractPathException($"{at}.fromAssignments", "must be \"site\" or \"role\" (the part of the primary assignment the field mirrors)"),
        };

        private static PositionsDefinition? BuildPositions(PositionsDocument? positions, string at, List<SourceDefinition> sources, RuleCompiler rules)
        {
            if (positions is null)
            {
                return null;
            }

            if (positions.From is null || positions.From.Count == 0)
            {
                throw Missing($"{at}.from", "list at least one source whose rows are positions");
            }

            var from = new List<PositionSource>();
            for (var i = 0; i < positions.From.Count; i++)
            {
                var p = positions.From[i] ?? throw new ContractPathException($"{at}.from[{i}]", "must be an object");
                var where = $"{at}.from[{i}]";
                var name = p.Source ?? throw Missing($"{where}.source", "name the source whose rows are positions");
                var source = sources.FirstOrDefault(s => s.Name == name)
                    ?? throw new ContractPathException($"{where}.source", $"there is no source named '{name}'");
                if (from.Any(f => f.Source == name))
                {
                    throw new ContractPathException($"{where}.source", $"source '{name}' is listed twice");
                }

                PositionColumn? Column(PositionColumnDocument? doc, string part, bool required)
                {
                    if (doc is null)
                    {
                        return required ? throw Missing($"{where}.{part}", "name the column") : null;
                    }

                    var column = doc.Column ?? throw Missing($"{where}.{part}.column", "name the column");
                    var ordinal = Canonical.SourceRowReader.IndexOf(source.Columns, column);
                    if (ordinal < 0)
                    {
                        throw new ContractPathException($"{where}.{part}.column", $"column '{column}' is not listed in sources.{name}.columns");
                    }

                    return new PositionColumn(column, ordinal, rules.Compile(doc.Normalize, $"{where}.{part}.normalize"));
                }

                List<string> Values(PositionColumnDocument? doc, string part)
                {
                    if (doc is null)
                    {
                        return new List<string>();
                    }

                    return doc.Values is { Count: > 0 } values ? values : throw Missing($"{where}.{part}.values", "list the values that count");
                }

                from.Add(new PositionSource(name, sources.IndexOf(source), Column(p.Site, "site", true)!, Column(p.Role, "role", true)!, Column(p.Fte, "fte", false),
                    Column(p.PrimaryFlag, "primaryFlag", false), Values(p.PrimaryFlag, "primaryFlag"), Column(p.Start, "start", false), Column(p.End, "end", false),
                    Column(p.Status, "status", false), Values(p.Status, "status")));
            }

            var steps = new List<PrimaryStepKind>();
            var rule = positions.Primary ?? throw Missing($"{at}.primary", "state the primary-position rule, e.g. [ { \"flag\": \"primaryFlag\" }, { \"highest\": \"fte\" }, { \"earliest\": \"start\" }, { \"lowest\": \"positionKey\" } ]");
            for (var i = 0; i < rule.Count; i++)
            {
                var step = rule[i] ?? throw new ContractPathException($"{at}.primary[{i}]", "must be an object");
                var given = new[] { step.Flag, step.Highest, step.Earliest, step.Lowest }.Count(v => v is not null);
                if (given != 1)
                {
                    throw new ContractPathException($"{at}.primary[{i}]", "give exactly one of flag, highest, earliest, lowest");
                }

                var kind = (step.Flag, step.Highest, step.Earliest, step.Lowest) switch
                {
                    ("primaryFlag", _, _, _) => PrimaryStepKind.Flag,
                    (_, "fte", _, _) => PrimaryStepKind.HighestFte,
                    (_, _, "start", _) => PrimaryStepKind.EarliestStart,
                    (_, _, _, "positionKey") => PrimaryStepKind.LowestPositionKey,
                    _ => throw new ContractPathException($"{at}.primary[{i}]",
                        "the steps are { \"flag\": \"primaryFlag\" }, { \"highest\": \"fte\" }, { \"earliest\": \"start\" } and { \"lowest\": \"positionKey\" }"),
                };
                if (steps.Contains(kind))
                {
                    throw new ContractPathException($"{at}.primary[{i}]", "the step is listed twice");
                }

                steps.Add(kind);
            }

            return new PositionsDefinition(from, steps);
        }

        private void CheckPositionFields(List<FieldDefinition> fields, List<SourceDefinition> sources)
        {
            var positionFields = fields.Where(f => f.Positions is not null).ToList();
            if (positionFields.Count > 1)
            {
                throw new ContractPathException($"fields.{positionFields[1].Name}.positions", $"only one field is built from positions ('{positionFields[0].Name}' already is)");
            }

            if (positionFields.Count == 0)
            {
                var mirror = fields.FirstOrDefault(f => f.FromAssignments is not null);
                if (mirror is not null)
                {
                    throw new ContractPathException($"fields.{mirror.Name}.fromAssignments", "no field is built from positions, so there is no primary assignment to mirror");
                }

                var many = sources.FirstOrDefault(s => s.OnePerPosition);
                if (many is not null)
                {
                    throw new ContractPathException($"sources.{many.Name}.rows", "a source with one row per position needs a field built from its positions (fields.<name>.positions)");
                }

                return;
            }

            var positions = positionFields[0].Positions!;
            foreach (var source in sources.Where(s => s.OnePerPosition && positions.From.All(p => p.Source != s.Name)))
            {
                throw new ContractPathException($"sources.{source.Name}.rows", $"the source has one row per position but fields.{positionFields[0].Name}.positions does not read it");
            }

            if (_doc.Review?.SiteField == positionFields[0].Name || _doc.Review?.RoleField == positionFields[0].Name)
            {
                throw new ContractPathException("review", $"review.siteField and review.roleField name scalar fields; '{positionFields[0].Name}' holds every assignment (use a field with fromAssignments)");
            }
        }
    }
}
