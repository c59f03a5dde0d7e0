using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// The document path of <see cref="TargetSnapshotReader"/>: the header, the end line and any record line the fast
    /// parser did not take, read as a <see cref="JsonDocument"/> and checked member by member, each problem an
    /// <see cref="InputFileException"/> naming the file, the line and the member.
    /// </summary>
    public sealed partial class TargetSnapshotReader
    {
        private void CheckEnd(JsonElement end, long count)
        {
            if (!end.TryGetProperty(SnapshotNames.Count, out var declared) || declared.ValueKind != JsonValueKind.Number || !declared.TryGetInt64(out var n))
            {
                throw Fail(InputErrorIds.SnapshotRecordInvalid, SnapshotNames.Count, "The end line needs an integer count.");
            }

            if (n != count)
            {
                throw Fail(InputErrorIds.SnapshotTruncated, SnapshotNames.Count, $"The end line says {n} record(s) but the file holds {count}.");
            }

            var extra = NextLine();
            if (extra is not null && extra.Trim().Length > 0)
            {
                throw Fail(InputErrorIds.SnapshotRecordInvalid, string.Empty, "Nothing may follow the end line.");
            }
        }

        private TargetSnapshotHeader ReadHeader()
        {
            var text = NextLine() ?? throw Fail(InputErrorIds.SnapshotHeaderInvalid, string.Empty, "The file is empty; a snapshot starts with a header line.");
            using var document = Parse(text, InputErrorIds.SnapshotHeaderInvalid);
            var root = document.RootElement;
            const string id = InputErrorIds.SnapshotHeaderInvalid;
            var kind = RequiredString(root, SnapshotNames.Kind, id);
            if (kind != TargetSnapshotHeader.Kind)
            {
                throw Fail(id, SnapshotNames.Kind, $"Expected \"{TargetSnapshotHeader.Kind}\"; this is not a target snapshot.");
            }

            if (!root.TryGetProperty(SnapshotNames.Format, out var f) || f.ValueKind != JsonValueKind.Number || !f.TryGetInt32(out var format))
            {
                throw Fail(id, SnapshotNames.Format, "An integer format is required.");
            }

            if (format != TargetSnapshotHeader.CurrentFormat)
            {
                throw Fail(id, SnapshotNames.Format, $"Format {format} is not supported; this version reads format {TargetSnapshotHeader.CurrentFormat}.");
            }

            var takenAt = RequiredTime(root, SnapshotNames.TakenAt, id);
            var baseUri = RequiredString(root, SnapshotNames.BaseUri, id);
            var scopeText = RequiredString(root, SnapshotNames.Scope, id);
            if (!Enum.TryParse<TargetSnapshotScope>(scopeText, true, out var scope) || !Enum.IsDefined(typeof(TargetSnapshotScope), scope))
            {
                throw Fail(id, SnapshotNames.Scope, $"'{scopeText}' is not one of all, active, selection.");
            }

            return new TargetSnapshotHeader(takenAt, baseUri, scope, OptionalString(root, SnapshotNames.ApiVersion, id), OptionalString(root, SnapshotNames.SchemaVersion, id), format)
            {
                InstanceId = OptionalString(root, SnapshotNames.InstanceId, id),
            };
        }

        private TargetStaffRecord ReadRecord(JsonElement root)
        {
            const string id = InputErrorIds.SnapshotRecordInvalid;
            if (!root.TryGetProperty(SnapshotNames.Active, out var active) || (active.ValueKind != JsonValueKind.True && active.ValueKind != JsonValueKind.False))
            {
                throw Fail(id, SnapshotNames.Active, "A boolean is required.");
            }

            if (!root.TryGetProperty(SnapshotNames.Version, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version))
            {
                throw Fail(id, SnapshotNames.Version, "An integer is required.");
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (root.TryGetProperty(SnapshotNames.Fields, out var f))
            {
                if (f.ValueKind != JsonValueKind.Object)
                {
                    throw Fail(id, SnapshotNames.Fields, "An object of field names to strings is required.");
                }

                foreach (var member in f.EnumerateObject())
                {
                    var name = NameOf(member, SnapshotNames.Fields, id);
                    fields[name] = member.Value.ValueKind switch
                    {
                        JsonValueKind.String => Text(member.Value, SnapshotNames.Fields + "." + name, id),
                        JsonValueKind.Null => null,
                        _ => throw Fail(id, SnapshotNames.Fields + "." + name, "A string or null is required."),
                    };
                }
            }

            DateTimeOffset? createdAt = root.TryGetProperty(SnapshotNames.CreatedAt, out _) ? RequiredTime(root, SnapshotNames.CreatedAt, id) : null;
            // An empty id names no record (the record itself refuses one): refused on its line, as a missing one is.
            var recordId = RequiredString(root, SnapshotNames.Id, id);
            if (recordId.Length == 0)
            {
                throw Fail(id, SnapshotNames.Id, "A non-empty string is required.");
            }

            return new TargetStaffRecord(
                recordId,
                OptionalString(root, SnapshotNames.ExternalId, id),
                active.ValueKind == JsonValueKind.True,
                RequiredString(root, SnapshotNames.ETag, id),
                version,
                createdAt,
                RequiredTime(root, SnapshotNames.UpdatedAt, id),
                fields);
        }

        private JsonDocument Parse(string text, string errorId)
        {
            try
            {
                var document = JsonDocument.Parse(text);
                try
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw Fail(errorId, string.Empty, "Each line must be one JSON object.");
                    }

                    // Every look-up by name below decodes each member's name: one that is not text (an escaped lone
                    // surrogate) is refused here, on its line, named as it is written, rather than failing a look-up without one.
                    foreach (var member in document.RootElement.EnumerateObject())
                    {
                        try
                        {
                            _ = member.Name;
                        }
                        catch (InvalidOperationException)
                        {
                            throw Fail(errorId, Shown(JsonText.FirstNotText(System.Text.Encoding.UTF8.GetBytes(text), topLevelNamesOnly: true)), "A member name " + LoneSurrogate);
                        }
                    }
                }
                catch
                {
                    document.Dispose();
                    throw;
                }

                return document;
            }
            catch (JsonException e)
            {
                throw new InputFileException(errorId, _file, _line, string.Empty, "The line is not valid JSON: " + e.Message, e);
            }
        }

        private string RequiredString(JsonElement root, string name, string errorId) =>
            OptionalString(root, name, errorId) ?? throw Fail(errorId, name, "A non-empty string is required.");

        private string? OptionalString(JsonElement root, string name, string errorId)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? Text(value, name, errorId) : throw Fail(errorId, name, "A string is required.");
        }

        /// <summary>
        /// A JSON string's text. An escaped lone UTF-16 surrogate (\uD800 without its pair) is valid JSON but not text:
        /// the line is refused naming its member, as any other bad value, rather than failing the read without a line.
        /// </summary>
        private string Text(JsonElement value, string field, string errorId)
        {
            try
            {
                return value.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Fail(errorId, field, "The value " + LoneSurrogate);
            }
        }

        private string NameOf(JsonProperty member, string parent, string errorId)
        {
            try
            {
                return member.Name;
            }
            catch (InvalidOperationException)
            {
                throw Fail(errorId, parent, "A member name " + LoneSurrogate);
            }
        }

        /// <summary>
        /// A member name as written on the line (escapes kept; a name, never a value) for an error: at most 64
        /// characters, anything outside printable ASCII written as \uXXXX.
        /// </summary>
        private static string Shown(string? raw)
        {
            var shown = new System.Text.StringBuilder();
            foreach (var c in raw is null ? string.Empty : raw.Length > 64 ? raw.Substring(0, 64) : raw)
            {
                shown.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}");
            }

            return shown.ToString();
        }

        private DateTimeOffset RequiredTime(JsonElement root, string name, string errorId)
        {
            var text = RequiredString(root, name, errorId);
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
                ? value
                : throw Fail(errorId, name, $"'{text}' is not an ISO 8601 date-time.");
        }

        private const string LoneSurrogate = "holds an escaped lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not text.";
    }
}
