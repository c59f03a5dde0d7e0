using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Audit
{
    /// <summary>Parses one log line into an <see cref="AuditEntry"/>; a line that is not an entry is an error naming file and line.</summary>
    internal static class AuditEntryReader
    {
        public static AuditEntry Parse(AuditLine line, string file)
        {
            // Valid JSON is not yet text: a string's bytes are decoded only when read, so bytes that are not UTF-8 are
            // refused here, on their line, before a look-up fails without one.
            var bytes = new ReadOnlySpan<byte>(line.Bytes, 0, line.Length);
            var invalid = Utf8Sequence.FirstInvalid(bytes);
            if (invalid >= 0)
            {
                throw Invalid(file, line.Number, string.Empty, $"not valid UTF-8: byte 0x{line.Bytes[invalid]:X2} at byte {invalid + 1} of the line");
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(line.Bytes, 0, line.Length));
            }
            catch (JsonException e)
            {
                // Where, not what: the parser's message quotes the bytes it met, and the line may be a planted file's (a key).
                throw Invalid(file, line.Number, string.Empty, $"not a JSON object (the JSON breaks at byte {(e.BytePositionInLine ?? 0) + 1} of the line)");
            }

            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(file, line.Number, string.Empty, "not a JSON object");
                }

                if (JsonText.FirstNotText(bytes, topLevelNamesOnly: false) is { } member)
                {
                    // Valid JSON, not text: every look-up below would fail on it without naming the line.
                    throw Invalid(file, line.Number, member, "holds an escaped lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not text");
                }

                var format = Number(root, AuditJsonNames.Format, file, line.Number);
                if (format != AuditEntryJson.FormatVersion && format != AuditEntryJson.LegacyFormatVersion)
                {
                    throw Invalid(file, line.Number, AuditJsonNames.Format, $"audit format {format} is not supported (this module reads formats {AuditEntryJson.LegacyFormatVersion} and {AuditEntryJson.FormatVersion})");
                }

                var entry = new AuditEntry
                {
                    File = file,
                    Line = line.Number,
                    Format = (int)format,
                    Sequence = Number(root, AuditJsonNames.Sequence, file, line.Number),
                    Time = Time(root, file, line.Number),
                    KindValue = AuditJsonNames.ParseKind(Text(root, AuditJsonNames.Kind)) ?? throw Invalid(file, line.Number, AuditJsonNames.Kind, "unknown entry kind"),
                    RunId = Text(root, AuditJsonNames.RunId),
                    PlanHash = Text(root, AuditJsonNames.PlanHash),
                    Action = Text(root, AuditJsonNames.Action),
                    ExternalId = Text(root, AuditJsonNames.ExternalId),
                    Outcome = Text(root, AuditJsonNames.Outcome),
                    Error = Text(root, AuditJsonNames.Error),
                    Reason = Text(root, AuditJsonNames.Reason),
                    PrevHash = Text(root, AuditJsonNames.PrevHash),
                    Hash = Text(root, AuditJsonNames.Hash) ?? throw Invalid(file, line.Number, AuditJsonNames.Hash, "missing"),
                };
                entry.HttpStatus = OptionalNumber(root, AuditJsonNames.HttpStatus);
                entry.Attempts = OptionalNumber(root, AuditJsonNames.Attempts);
                if (root.TryGetProperty(AuditJsonNames.Operator, out var op) && op.ValueKind == JsonValueKind.Object)
                {
                    entry.Operator = new AuditOperator(Text(op, AuditJsonNames.User) ?? string.Empty, Text(op, AuditJsonNames.Machine) ?? string.Empty);
                }

                if (root.TryGetProperty(AuditJsonNames.Contract, out var c) && c.ValueKind == JsonValueKind.Object)
                {
                    entry.Contract = new AuditContractInfo(Text(c, AuditJsonNames.Id) ?? string.Empty, Text(c, AuditJsonNames.Version) ?? string.Empty, Text(c, AuditJsonNames.Hash) ?? string.Empty);
                }

                if (root.TryGetProperty(AuditJsonNames.Fields, out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    var list = new List<AuditFieldValue>();
                    foreach (var field in fields.EnumerateObject())
                    {
                        var mode = AuditJsonNames.ParseMode(Text(field.Value, AuditJsonNames.Mode)) ?? throw Invalid(file, line.Number, "fields." + field.Name, "unknown mode");
                        list.Add(new AuditFieldValue(field.Name, mode, Text(field.Value, AuditJsonNames.Value)));
                    }

                    entry.Fields = list;
                }

                if (root.TryGetProperty(AuditJsonNames.Access, out var a) && a.ValueKind == JsonValueKind.Object)
                {
                    entry.Access = new AuditAccess(Text(a, AuditJsonNames.What) ?? string.Empty, OptionalLong(a, AuditJsonNames.Count) ?? 0, Text(a, AuditJsonNames.Target));
                }

                if (root.TryGetProperty(AuditJsonNames.Removed, out var removed) && removed.ValueKind == JsonValueKind.Array)
                {
                    var list = new List<AuditRemovedFile>();
                    foreach (var r in removed.EnumerateArray())
                    {
                        list.Add(new AuditRemovedFile(Text(r, AuditJsonNames.File) ?? string.Empty, OptionalLong(r, AuditJsonNames.Entries) ?? 0,
                            OptionalLong(r, AuditJsonNames.FirstSequence) ?? 0, OptionalLong(r, AuditJsonNames.LastSequence) ?? 0, Text(r, AuditJsonNames.LastHash) ?? string.Empty));
                    }

                    entry.Removed = list;
                }

                return entry;
            }
        }

        internal static InputFileException Invalid(string file, int line, string field, string problem, Exception? inner = null) =>
            new(AuditErrorIds.AuditEntryInvalid, file, line, field, problem, inner);

        // Each of these reads a member of an object; anything else (a string where an object belongs) has no members.
        private static string? Text(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

        private static int? OptionalNumber(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var v) ? v : null;

        private static long? OptionalLong(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out var v) ? v : null;

        private static long Number(JsonElement e, string name, string file, int line) =>
            OptionalLong(e, name) ?? throw Invalid(file, line, name, "missing or not a whole number");

        private static DateTimeOffset Time(JsonElement e, string file, int line) =>
            DateTimeOffset.TryParse(Text(e, AuditJsonNames.Time), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time
                : throw Invalid(file, line, AuditJsonNames.Time, "missing or not an ISO 8601 time");
    }
}
