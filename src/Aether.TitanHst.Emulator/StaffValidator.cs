using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aether.TitanHst.Emulator.Model;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// Checks a create or merge-patch body against the rules of docs/titanhst-api.md §3 and turns it into a
/// function that applies it to a record. Errors are keyed by JSON member name, as the problem's "errors".
/// </summary>
internal static partial class StaffValidator
{
    public sealed class Outcome
    {
        public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);
        public List<(StaffField Field, string? Value)> Changes { get; } = new();
        public bool? Active { get; set; }
        /// <summary>The whole new list when the body sets assignments (a merge patch replaces an array), sorted.</summary>
        public List<StaffAssignment>? Assignments { get; set; }
        public bool IsValid => Errors.Count == 0;

        public StaffRecord ApplyTo(StaffRecord record)
        {
            var before = record;
            foreach (var (field, value) in Changes)
            {
                record = field.Set(record, value);
            }

            if (Assignments is not null)
            {
                // Keep the old list when equal, so an unchanged list leaves the version alone.
                record = record with { Assignments = Assignments.SequenceEqual(before.Assignments) ? before.Assignments : Assignments };
            }
            else if (record.Assignments.Count > 0 && record.SiteCode is not null && record.RoleCode is not null
                && (record.SiteCode != before.SiteCode || record.RoleCode != before.RoleCode))
            {
                record = record with { Assignments = MovePrimary(record.Assignments, record.SiteCode, record.RoleCode) };
            }

            return Active is bool active ? record with { Active = active } : record;
        }

        /// <summary>
        /// The rules that need the record a PATCH applies to (docs §3.1): siteCode and roleCode mirror a non-empty list, so
        /// a write may set them to null only while it also clears the list.
        /// </summary>
        public void CheckAgainst(StaffRecord current)
        {
            if (Assignments is not null || current.Assignments.Count == 0)
            {
                return;
            }

            foreach (var (field, value) in Changes)
            {
                if (value is null && field.Name is "siteCode" or "roleCode")
                {
                    Add(field.Name, $"The record has assignments, which {field.Name} mirrors: it cannot be null unless the same write clears assignments ([] or null).");
                }
            }
        }

        internal void Add(string member, string message)
        {
            if (!Errors.TryGetValue(member, out var list))
            {
                Errors[member] = list = new List<string>();
            }

            list.Add(message);
        }
    }

    public static Outcome Check(JsonObject body, bool create, StaffStore store)
    {
        var outcome = new Outcome();
        foreach (var (name, node) in body)
        {
            if (StaffFields.ByName.TryGetValue(name, out var field))
            {
                CheckField(outcome, field, node, store);
            }
            else if (name == "assignments")
            {
                CheckAssignments(outcome, node, store);
            }
            else if (name == "active")
            {
                if (!create)
                {
                    outcome.Add(name, "Not patchable; use /deactivate or /reactivate.");
                }
                else if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    outcome.Active = v.GetValue<bool>();
                }
                else
                {
                    outcome.Add(name, "Must be true or false.");
                }
            }
            else
            {
                outcome.Add(name, StaffFields.ReadOnly.Contains(name) ? "Read-only field." : "Unknown field.");
            }
        }

        Mirror(outcome, body);
        if (create)
        {
            foreach (var field in StaffFields.Writable)
            {
                if (field.Required && !body.ContainsKey(field.Name))
                {
                    outcome.Add(field.Name, "Required.");
                }
            }
        }

        return outcome;
    }

    /// <summary>
    /// A write of siteCode/roleCode without assignments to a record that has them (docs §3.1, decision 0011): the primary
    /// moves to <paramref name="site"/>/<paramref name="role"/>, and no item is added or removed. An item the record already
    /// holds with that site and role becomes the primary and the former primary stays as a secondary (each keeps its fte);
    /// otherwise the primary item takes that site and role (keeping its fte).
    /// </summary>
    internal static List<StaffAssignment> MovePrimary(IReadOnlyList<StaffAssignment> items, string site, string role)
    {
        var primary = items.First(a => a.Primary);
        var held = items.FirstOrDefault(a => !a.Primary && a.SiteCode == site && a.RoleCode == role);
        return Sorted(items.Select(a =>
            a == primary ? (held is null ? a with { SiteCode = site, RoleCode = role } : a with { Primary = false })
            : a == held ? a with { Primary = true }
            : a));
    }

    /// <summary>Sorted as the API returns it: primary first, then site and role code (ordinal).</summary>
    internal static List<StaffAssignment> Sorted(IEnumerable<StaffAssignment> items) => items
        .OrderByDescending(a => a.Primary).ThenBy(a => a.SiteCode, StringComparer.Ordinal).ThenBy(a => a.RoleCode, StringComparer.Ordinal).ToList();

    private static readonly HashSet<string> AssignmentMembers = new(StringComparer.Ordinal) { "siteCode", "roleCode", "primary", "fte" };

    private static void CheckAssignments(Outcome outcome, JsonNode? node, StaffStore store)
    {
        const string Name = "assignments";
        if (node is null)
        {
            outcome.Assignments = new List<StaffAssignment>();
            return;
        }

        if (node is not JsonArray array)
        {
            outcome.Add(Name, "Must be an array of { siteCode, roleCode, primary, fte? } or null.");
            return;
        }

        var items = new List<StaffAssignment>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{Name}[{i}]";
            if (array[i] is not JsonObject item)
            {
                outcome.Add(at, "Must be an object { siteCode, roleCode, primary, fte? }.");
                continue;
            }

            foreach (var (member, _) in item)
            {
                if (!AssignmentMembers.Contains(member))
                {
                    outcome.Add($"{at}.{member}", "Unknown field.");
                }
            }

            var site = Text(item["siteCode"]);
            var role = Text(item["roleCode"]);
            if (site is null || !store.IsActiveSite(site))
            {
                outcome.Add($"{at}.siteCode", site is null ? "Required; must be a string." : $"Unknown or inactive site code '{site}'.");
            }

            if (role is null || !store.IsActiveRole(role))
            {
                outcome.Add($"{at}.roleCode", role is null ? "Required; must be a string." : $"Unknown or inactive role code '{role}'.");
            }

            if (item["primary"] is not JsonValue p || p.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                outcome.Add($"{at}.primary", "Required; must be true or false.");
                continue;
            }

            decimal? fte = null;
            // fte is a number when present (docs §3.1): null is not "absent", it is refused like any other non-number.
            if (item.TryGetPropertyValue("fte", out var f))
            {
                if (f is not JsonValue fv || fv.GetValueKind() != JsonValueKind.Number || !fv.TryGetValue<decimal>(out var value) || value <= 0m || value > 1m)
                {
                    outcome.Add($"{at}.fte", "Must be a number greater than 0 and at most 1.");
                    continue;
                }

                fte = value;
            }

            if (site is not null && role is not null)
            {
                if (items.Exists(a => a.SiteCode == site && a.RoleCode == role))
                {
                    outcome.Add(at, $"Assignment {site}/{role} is listed twice.");
                }

                items.Add(new StaffAssignment(site, role, p.GetValue<bool>(), fte));
            }
        }

        var primaries = items.Count(a => a.Primary);
        if (items.Count > 0 && primaries != 1)
        {
            outcome.Add(Name, $"Exactly one assignment must be primary ({primaries} are).");
        }

        outcome.Assignments = Sorted(items);
    }

    /// <summary>siteCode/roleCode mirror the primary assignment (decision 0011); a body that says otherwise is refused.</summary>
    private static void Mirror(Outcome outcome, JsonObject body)
    {
        if (outcome.Assignments is not { Count: > 0 } list || !outcome.IsValid)
        {
            return;
        }

        var primary = list[0];
        foreach (var (name, value) in new[] { ("siteCode", primary.SiteCode), ("roleCode", primary.RoleCode) })
        {
            if (body.ContainsKey(name) && Text(body[name]) != value)
            {
                outcome.Add(name, $"Must equal the primary assignment's {name} ('{value}') when assignments are sent.");
                continue;
            }

            outcome.Changes.RemoveAll(c => c.Field.Name == name);
            outcome.Changes.Add((StaffFields.ByName[name], value));
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static void CheckField(Outcome outcome, StaffField field, JsonNode? node, StaffStore store)
    {
        string? value;
        if (node is null)
        {
            value = null;
        }
        else if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
        }
        else
        {
            outcome.Add(field.Name, "Must be a string or null.");
            return;
        }

        // A required name of spaces only is no name (decision 0009); other strings are stored exactly as sent.
        if (field.Required ? string.IsNullOrWhiteSpace(value) : string.IsNullOrEmpty(value))
        {
            if (field.Required)
            {
                outcome.Add(field.Name, "Required; must not be null, empty or only whitespace.");
                return;
            }

            if (value is null)
            {
                outcome.Changes.Add((field, null));
                return;
            }
        }

        var text = value!;
        // Lengths count Unicode code points, as JSON Schema's maxLength does (decision 0009). The body was
        // checked for unpaired surrogates before, so every string here is well-formed UTF-16.
        if (CodePoints(text) > field.MaxLength)
        {
            outcome.Add(field.Name, $"Longer than {field.MaxLength} characters (Unicode code points).");
        }
        else if (FormatError(field.Format, text, store) is string error)
        {
            outcome.Add(field.Name, error);
        }
        else
        {
            outcome.Changes.Add((field, text));
        }
    }

    private static string? FormatError(string? format, string value, StaffStore store) => format switch
    {
        "email" when !EmailPattern().IsMatch(value) => "Not a valid email address.",
        "date" when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            => "Not a valid date (yyyy-MM-dd).",
        "externalId" when !ExternalIdPattern().IsMatch(value) => "Must match ^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,63}$ (no trailing newline).",
        "role" when !store.IsActiveRole(value) => $"Unknown or inactive role code '{value}'.",
        "site" when !store.IsActiveSite(value) => $"Unknown or inactive site code '{value}'.",
        _ => null,
    };

    private static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    // .NET's '$' also matches before a final "\n", so "abc\n" passed; '\z' is the true end of the string.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    /// <summary>
    /// The one email rule of docs/titanhst-api.md §3 (decision 0009), character for character the OpenAPI
    /// pattern except '\z' for its '$': one '@', a non-empty local part, a domain that holds a '.' but neither
    /// starts nor ends with one, and no Unicode White_Space anywhere.
    /// </summary>
    [GeneratedRegex("^[^@\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]+@"
        + "[^@.\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]"
        + "[^@\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]*\\."
        + "[^@\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]*"
        + "[^@.\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]\\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
