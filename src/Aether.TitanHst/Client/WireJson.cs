using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aether.TitanHst.Positions;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// TitanHST's JSON shapes (API document §3, §4.1, §5, §9) in and out. The only place that knows member names;
    /// unknown members are kept as fields (forward compatibility) rather than dropped.
    /// </summary>
    internal static class WireJson
    {
        private const string Id = "id";
        private const string ExternalId = "externalId";
        private const string Active = "active";
        private const string Version = "version";
        private const string CreatedAt = "createdAt";
        private const string UpdatedAt = "updatedAt";
        private const string ETag = "etag";

        // The assignments array (API document §3.1, decision 0011); the core carries it as AssignmentSet's canonical text.
        private const string Assignments = "assignments";
        private const string SiteCode = "siteCode";
        private const string RoleCode = "roleCode";
        private const string Primary = "primary";
        private const string Fte = "fte";

        /// <summary>Members that describe the record rather than the person; everything else is a field.</summary>
        private static readonly HashSet<string> MetaMembers = new(StringComparer.Ordinal) { Id, ExternalId, Active, Version, CreatedAt, UpdatedAt, ETag };

        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        internal static bool IsMetaMember(string name) => MetaMembers.Contains(name);

        internal static TargetStaffRecord ReadRecord(JsonElement item, string? etagHeader)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a staff record is not a JSON object");
            }

            string? id = null;
            string? externalId = null;
            bool? active = null;
            int? version = null;
            DateTimeOffset? createdAt = null;
            DateTimeOffset? updatedAt = null;
            var etag = etagHeader;
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var member in item.EnumerateObject())
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case Id: id = WireLimits.Check(value.GetString(), "a staff record's id", WireLimits.Id); break;
                    case ExternalId: externalId = value.ValueKind == JsonValueKind.Null ? null : WireLimits.CheckMember(value.GetString(), ExternalId, id, WireLimits.ExternalId); break;
                    case Active: active = value.GetBoolean(); break;
                    case Version: version = value.GetInt32(); break;
                    case CreatedAt: createdAt = ReadTime(value); break;
                    case UpdatedAt: updatedAt = ReadTime(value); break;
                    case ETag:
                        // The header is what a write's If-Match must match: a body that says otherwise is a vendor
                        // fault, never a silent override (every write would then be refused as stale, for good).
                        var stated = WireLimits.CheckMember(value.GetString(), ETag, id, WireLimits.ETag);
                        if (etagHeader is not null && !string.Equals(stated, etagHeader, StringComparison.Ordinal))
                        {
                            throw new FormatException($"staff record {id}: its etag member and its ETag header differ");
                        }

                        etag = stated;
                        break;
                    case Assignments when value.ValueKind is JsonValueKind.Array or JsonValueKind.Null:
                        fields[member.Name] = ReadAssignments(value, id);
                        break;
                    default:
                        WireLimits.Check(member.Name, "a staff record member name", WireLimits.SchemaName);
                        var max = WireLimits.ForField(member.Name);
                        fields[member.Name] = value.ValueKind switch
                        {
                            JsonValueKind.String => WireLimits.CheckMember(value.GetString(), member.Name, id, max),
                            JsonValueKind.Null => null,
                            _ => WireLimits.CheckMember(value.GetRawText(), member.Name, id, max),
                        };
                        break;
                }
            }

            WireLimits.CheckMember(etagHeader, "the ETag header", id, WireLimits.ETag);
            return new TargetStaffRecord(
                // An empty id names no record (the record refuses one): a shape the API document does not describe.
                string.IsNullOrEmpty(id) ? throw new FormatException("a staff record has no id") : id!,
                externalId,
                active ?? throw new FormatException($"staff record {id} has no active flag"),
                etag ?? throw new FormatException($"staff record {id} comes without an ETag"),
                version ?? throw new FormatException($"staff record {id} has no version"),
                createdAt,
                updatedAt ?? throw new FormatException($"staff record {id} has no updatedAt"),
                fields);
        }

        internal static (List<TargetStaffRecord> Items, string? NextCursor) ReadPage(byte[] body)
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            // nextCursor must be present: a page without it cannot be told apart from a truncated listing, and a
            // listing cut short would make every record after it look deleted.
            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || !root.TryGetProperty("nextCursor", out var next))
            {
                throw new FormatException("a staff page needs an items array and a nextCursor member");
            }

            var records = new List<TargetStaffRecord>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                records.Add(ReadRecord(item, null));
            }

            return (records, next.ValueKind == JsonValueKind.Null ? null : WireLimits.Check(next.GetString(), "nextCursor", WireLimits.Cursor));
        }

        internal static TargetStaffRecord ReadSingle(byte[] body, string? etagHeader)
        {
            using var document = JsonDocument.Parse(body);
            return ReadRecord(document.RootElement, etagHeader);
        }

        internal static List<TargetReference> ReadReferences(byte[] body, TargetReferenceKind kind)
        {
            using var document = JsonDocument.Parse(body);
            var list = new List<TargetReference>();
            foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
            {
                var code = WireLimits.Check(item.GetProperty("code").GetString(), "a reference code", WireLimits.Code)!;
                var name = WireLimits.Check(item.GetProperty("name").GetString(), $"the name of reference code {code}", WireLimits.ReferenceName);
                list.Add(new TargetReference(kind, code, name ?? string.Empty, item.GetProperty(Active).GetBoolean()));
            }

            return list;
        }

        internal static TargetSchemaInfo ReadSchema(byte[] body)
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var fields = new List<TargetFieldInfo>();
            foreach (var f in root.GetProperty("staffFields").EnumerateArray())
            {
                var name = WireLimits.Check(f.GetProperty("name").GetString(), "a schema field name", WireLimits.SchemaName)!;
                fields.Add(new TargetFieldInfo(
                    name,
                    WireLimits.Check(f.GetProperty("type").GetString(), $"the type of schema field {name}", WireLimits.SchemaWord)!,
                    f.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String ? WireLimits.Check(format.GetString(), $"the format of schema field {name}", WireLimits.SchemaWord) : null,
                    f.TryGetProperty("maxLength", out var max) && max.ValueKind == JsonValueKind.Number ? max.GetInt32() : null,
                    f.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True,
                    f.TryGetProperty("readOnly", out var readOnly) && readOnly.ValueKind == JsonValueKind.True,
                    f.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True));
            }

            var instance = root.TryGetProperty("instanceId", out var id) && id.ValueKind == JsonValueKind.String
                ? WireLimits.Check(id.GetString(), "instanceId", WireLimits.ExternalId)
                : null;
            return new TargetSchemaInfo(
                WireLimits.Check(root.GetProperty("apiVersion").GetString(), "apiVersion", WireLimits.Version)!,
                WireLimits.Check(root.GetProperty("schemaVersion").GetString(), "schemaVersion", WireLimits.Version)!,
                fields,
                instance);
        }

        internal static byte[] WriteCreate(TargetStaffDraft draft)
        {
            return Write(w =>
            {
                if (draft.ExternalId is not null)
                {
                    w.WriteString(ExternalId, draft.ExternalId);
                }

                w.WriteBoolean(Active, draft.Active);
                WriteFields(w, draft.Fields);
            });
        }

        internal static byte[] WritePatch(TargetStaffChanges changes)
        {
            return Write(w =>
            {
                if (changes.ChangesExternalId)
                {
                    w.WriteString(ExternalId, changes.ExternalId);
                }

                WriteFields(w, changes.Fields);
            });
        }

        private static void WriteFields(Utf8JsonWriter w, IReadOnlyDictionary<string, string?> fields)
        {
            foreach (var field in fields)
            {
                if (IsMetaMember(field.Key))
                {
                    throw new ArgumentException($"'{field.Key}' is record metadata, not a field; it cannot be written as one.", nameof(fields));
                }

                if (field.Key == Assignments)
                {
                    WriteAssignments(w, field.Value);
                    continue;
                }

                w.WriteString(field.Key, field.Value);
            }
        }

        /// <summary>The array as the core's canonical text (sorted, so TitanHST's order never reads as a change).</summary>
        private static string? ReadAssignments(JsonElement array, string? id)
        {
            if (array.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var items = new List<Assignment>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty(SiteCode, out var site) || site.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty(RoleCode, out var role) || role.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty(Primary, out var primary) || primary.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new FormatException($"staff record {id} has an assignment without a siteCode, roleCode and primary flag");
                }

                decimal? fte = item.TryGetProperty(Fte, out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDecimal() : null;
                if (!AssignmentSet.IsValidCode(site.GetString()!) || !AssignmentSet.IsValidCode(role.GetString()!))
                {
                    throw new FormatException($"staff record {id} has an assignment whose code holds white space or one of / ; * @");
                }

                items.Add(new Assignment(site.GetString()!, role.GetString()!, primary.GetBoolean(), fte));
            }

            try
            {
                return AssignmentSet.Of(items).Format();
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"staff record {id}: {ex.Message}");
            }
        }

        /// <summary>The whole list (a merge patch replaces an array; an empty value clears it).</summary>
        private static void WriteAssignments(Utf8JsonWriter w, string? value)
        {
            w.WriteStartArray(Assignments);
            foreach (var a in AssignmentSet.Parse(value).Items)
            {
                w.WriteStartObject();
                w.WriteString(SiteCode, a.SiteCode);
                w.WriteString(RoleCode, a.RoleCode);
                w.WriteBoolean(Primary, a.Primary);
                if (a.Fte is { } fte)
                {
                    w.WriteNumber(Fte, fte);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private static byte[] Write(Action<Utf8JsonWriter> members)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, WriterOptions))
            {
                w.WriteStartObject();
                members(w);
                w.WriteEndObject();
            }

            return buffer.ToArray();
        }

        /// <summary>A timestamp: a string, as the API document types it (a null was parsed as text and failed bare).</summary>
        private static DateTimeOffset ReadTime(JsonElement value) =>
            value.ValueKind != JsonValueKind.String
                ? throw new FormatException($"a timestamp is {value.ValueKind.ToString().ToLowerInvariant()}, not a string")
                : DateTimeOffset.Parse(WireLimits.Check(value.GetString(), "a timestamp", WireLimits.Timestamp)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
