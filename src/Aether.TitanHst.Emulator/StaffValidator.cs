using System;
using System.Collections.Generic;
using System.Globalization;
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
        public bool IsValid => Errors.Count == 0;

        public StaffRecord ApplyTo(StaffRecord record)
        {
            foreach (var (field, value) in Changes)
            {
                record = field.Set(record, value);
            }

            return Active is bool active ? record with { Active = active } : record;
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
