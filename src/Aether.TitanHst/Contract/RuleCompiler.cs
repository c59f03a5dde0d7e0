using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// Turns the contract's rule lists into rule objects. A rule is a name ("trim") or an object with one
    /// property whose value holds the rule's settings ({"date": {"formats": ["M/d/yyyy"]}}).
    /// </summary>
    internal sealed class RuleCompiler
    {
        /// <summary>Rule names that take no settings, for messages and the JSON Schema.</summary>
        internal static readonly string[] SimpleRules = { "trim", "collapseWhitespace", "nfc", "upper", "lower", "nameCase", "email", "phone", "stripLeadingZeros" };

        private static readonly Dictionary<string, string[]> RuleSettings = new(StringComparer.Ordinal)
        {
            ["email"] = new[] { "domains" },
            ["phone"] = new[] { "format" },
            ["date"] = new[] { "formats", "output" },
            ["map"] = new[] { "values", "ignoreCase", "unmapped" },
            ["maxLength"] = new[] { "length", "truncate" },
            ["replace"] = new[] { "pattern", "with" },
        };

        private readonly IReadOnlyDictionary<string, MappingTable> _tables;

        internal RuleCompiler(IReadOnlyDictionary<string, MappingTable> tables) => _tables = tables;

        [MethodImpl(Hot.Path)]
        internal RulePipeline Compile(IReadOnlyList<JsonElement>? rules, string path)
        {
            if (rules is null || rules.Count == 0)
            {
                return RulePipeline.Empty;
            }

            return new RulePipeline(rules.Select((rule, i) => CompileOne(rule, $"{path}[{i}]")));
        }

        internal static UnmappedPolicy ParseUnmapped(JsonElement? element, string path, bool allowKeep)
        {
            if (element is null || element.Value.ValueKind == JsonValueKind.Null)
            {
                return UnmappedPolicy.Error;
            }

            var e = element.Value;
            if (e.ValueKind == JsonValueKind.String)
            {
                switch (e.GetString())
                {
                    case "error": return UnmappedPolicy.Error;
                    case "skip": return new UnmappedPolicy(UnmappedAction.Skip);
                    case "keep" when allowKeep: return new UnmappedPolicy(UnmappedAction.Keep);
                }
            }
            else if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("default", out var value) && value.ValueKind == JsonValueKind.String
                && e.EnumerateObject().Count() == 1)
            {
                return new UnmappedPolicy(UnmappedAction.Default, value.GetString());
            }

            var choices = allowKeep ? "\"error\", \"skip\", \"keep\" or {\"default\": \"CODE\"}" : "\"error\", \"skip\" or {\"default\": \"CODE\"}";
            throw new ContractPathException(path, $"must be {choices}");
        }

        [MethodImpl(Hot.Path)]
        private INormalizationRule CompileOne(JsonElement rule, string path)
        {
            if (rule.ValueKind == JsonValueKind.String)
            {
                return Simple(rule.GetString() ?? string.Empty, path);
            }

            if (rule.ValueKind != JsonValueKind.Object || rule.EnumerateObject().Count() != 1)
            {
                throw new ContractPathException(path, "a rule is a name such as \"trim\" or an object with exactly one property such as {\"date\": {\"formats\": [\"M/d/yyyy\"]}}");
            }

            var property = rule.EnumerateObject().First();
            var settings = property.Value;
            var at = $"{path}.{property.Name}";
            CheckSettings(property.Name, settings, at);
            try
            {
                switch (property.Name)
                {
                    case "email":
                        return new EmailRule(StringList(settings, "domains", at, required: false));
                    case "phone":
                        var format = OptionalString(settings, "format", at) ?? "e164";
                        return format switch
                        {
                            "e164" => new PhoneRule(PhoneFormat.E164),
                            "national" => new PhoneRule(PhoneFormat.National),
                            _ => throw new ContractPathException($"{at}.format", "must be \"e164\" or \"national\""),
                        };
                    case "date":
                        return new DateRule(StringList(settings, "formats", at, required: true)!, OptionalString(settings, "output", at) ?? "yyyy-MM-dd");
                    case "map":
                        return CompileMap(settings, at);
                    case "lookup":
                        var name = settings.ValueKind == JsonValueKind.String ? settings.GetString()! : throw new ContractPathException(at, "must name a mapping table");
                        return _tables.TryGetValue(name, out var table)
                            ? new LookupRule(table)
                            : throw new ContractPathException(at, $"no mapping table named '{name}' (defined: {string.Join(", ", _tables.Keys)})");
                    case "default":
                        return settings.ValueKind == JsonValueKind.String
                            ? new DefaultRule(settings.GetString()!)
                            : throw new ContractPathException(at, "must be a string");
                    case "maxLength":
                        if (settings.ValueKind == JsonValueKind.Number)
                        {
                            return new MaxLengthRule(settings.GetInt32(), truncate: false);
                        }

                        return new MaxLengthRule(RequiredProperty(settings, "length", at).GetInt32(),
                            settings.TryGetProperty("truncate", out var t) && t.ValueKind == JsonValueKind.True);
                    case "replace":
                        return new RegexReplaceRule(RequiredProperty(settings, "pattern", at).GetString() ?? string.Empty,
                            OptionalString(settings, "with", at) ?? string.Empty);
                    default:
                        throw new ContractPathException(path, $"unknown rule '{property.Name}'; rules with settings are email, phone, date, map, lookup, default, maxLength, replace");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                throw new ContractPathException(at, ex.Message);
            }
        }

        // A misspelled setting ({"email": {"domain": [...]}}) must not be ignored: the rule would silently do less.
        private static void CheckSettings(string rule, JsonElement settings, string at)
        {
            if (settings.ValueKind != JsonValueKind.Object || !RuleSettings.TryGetValue(rule, out var allowed))
            {
                return;
            }

            foreach (var setting in settings.EnumerateObject())
            {
                if (Array.IndexOf(allowed, setting.Name) < 0)
                {
                    throw new ContractPathException($"{at}.{setting.Name}",
                        $"unknown setting (a typo?); '{rule}' takes {string.Join(", ", allowed)}", InputErrorIds.ContractPropertyUnknown);
                }
            }
        }

        private static INormalizationRule Simple(string name, string path) => name switch
        {
            "trim" => new TrimRule(),
            "collapseWhitespace" => new CollapseWhitespaceRule(),
            "nfc" => new NfcRule(),
            "upper" => new CaseRule(upper: true),
            "lower" => new CaseRule(upper: false),
            "nameCase" => new NameCaseRule(),
            "email" => new EmailRule(),
            "phone" => new PhoneRule(PhoneFormat.E164),
            "stripLeadingZeros" => new StripLeadingZerosRule(),
            _ => throw new ContractPathException(path, $"unknown rule '{name}'; rules without settings are {string.Join(", ", SimpleRules)}"),
        };

        private static ValueMapRule CompileMap(JsonElement settings, string at)
        {
            var values = RequiredProperty(settings, "values", at);
            if (values.ValueKind != JsonValueKind.Object)
            {
                throw new ContractPathException($"{at}.values", "must be an object of code → value");
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in values.EnumerateObject())
            {
                map[pair.Name] = pair.Value.ValueKind == JsonValueKind.String
                    ? pair.Value.GetString()!
                    : throw new ContractPathException($"{at}.values.{pair.Name}", "must be a string");
            }

            var ignoreCase = !settings.TryGetProperty("ignoreCase", out var ic) || ic.ValueKind != JsonValueKind.False;
            JsonElement? unmapped = settings.TryGetProperty("unmapped", out var u) ? u : null;
            return new ValueMapRule(map, ignoreCase, ParseUnmapped(unmapped, $"{at}.unmapped", allowKeep: true));
        }

        private static JsonElement RequiredProperty(JsonElement settings, string name, string at)
        {
            if (settings.ValueKind != JsonValueKind.Object)
            {
                throw new ContractPathException(at, $"must be an object with a \"{name}\" property");
            }

            return settings.TryGetProperty(name, out var value)
                ? value
                : throw new ContractPathException(at, $"the \"{name}\" property is missing", InputErrorIds.ContractPropertyMissing);
        }

        private static string? OptionalString(JsonElement settings, string name, string at)
        {
            if (settings.ValueKind == JsonValueKind.True || (settings.ValueKind == JsonValueKind.Object && !settings.TryGetProperty(name, out _)))
            {
                return null;
            }

            var value = RequiredProperty(settings, name, at);
            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new ContractPathException($"{at}.{name}", "must be a string");
        }

        private static List<string>? StringList(JsonElement settings, string name, string at, bool required)
        {
            if (!required && (settings.ValueKind == JsonValueKind.True || (settings.ValueKind == JsonValueKind.Object && !settings.TryGetProperty(name, out _))))
            {
                return null;
            }

            var list = RequiredProperty(settings, name, at);
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw new ContractPathException($"{at}.{name}", "must be a list of strings");
            }

            return list.EnumerateArray().Select(e => e.GetString()!).ToList();
        }
    }
}
