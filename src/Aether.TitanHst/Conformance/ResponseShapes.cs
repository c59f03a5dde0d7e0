using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Aether.TitanHst.Conformance
{
    /// <summary>
    /// What the API document says a response looks like: a staff record, a page of them, /schema's fields, a list of
    /// reference codes, an OAuth error. Each returns why a response does not match, or null when it does.
    /// </summary>
    internal static class ResponseShapes
    {
        /// <summary>The members of §3, in order, that /schema lists.</summary>
        internal static readonly string[] StaffFields =
        {
            "id", "externalId", "active", "version", "createdAt", "updatedAt", "firstName", "lastName", "email", "username",
            "title", "roleCode", "siteCode", "hireDate", "phone", "badgeNumber", "notes", "assignments",
        };

        private static readonly Regex Timestamp = new(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z\z", RegexOptions.CultureInvariant);
        private static readonly Regex StaffId = new(@"^stf_[0-9a-z]{12}\z", RegexOptions.CultureInvariant);

        internal static string? Record(JsonObject? record, bool expectEtag)
        {
            if (record is null)
            {
                return "The record is not a JSON object.";
            }

            foreach (var name in StaffFields)
            {
                if (!record.ContainsKey(name))
                {
                    return $"The record has no '{name}' member.";
                }
            }

            if (!StaffId.IsMatch(record["id"]!.GetValue<string>()))
            {
                return "id is not stf_ + 12 characters of [0-9a-z].";
            }

            foreach (var name in new[] { "createdAt", "updatedAt" })
            {
                if (!Timestamp.IsMatch(record[name]!.GetValue<string>()))
                {
                    return $"{name} is not UTC with three fractional digits and Z.";
                }
            }

            if (record["version"]!.GetValue<long>() < 1)
            {
                return "version is below 1.";
            }

            if (expectEtag != record.ContainsKey("etag"))
            {
                return expectEtag ? "A list item has no etag member." : "A single record carries an etag member (only list items do).";
            }

            return expectEtag && record["etag"]!.GetValue<string>() != Expect.ETag(record) ? "etag is not \"<version>\"." : null;
        }

        internal static string? Page(ConformanceExchange x, string? afterId)
        {
            var body = x.Json!.AsObject();
            if (body["items"] is not JsonArray items || !body.ContainsKey("nextCursor"))
            {
                return "The page lacks items or nextCursor.";
            }

            var previous = afterId;
            foreach (var item in items)
            {
                if (Record(item as JsonObject, expectEtag: true) is { } failure)
                {
                    return failure;
                }

                var id = item!["id"]!.GetValue<string>();
                if (previous is not null && string.CompareOrdinal(id, previous) <= 0)
                {
                    return "Items are not in ascending id order.";
                }

                previous = id;
            }

            return null;
        }

        internal static string? SchemaFields(JsonArray? fields)
        {
            if (fields is null)
            {
                return "No staffFields array.";
            }

            var names = fields.Select(f => f?["name"]?.GetValue<string>()).ToList();
            if (!names.SequenceEqual(StaffFields))
            {
                return "staffFields are not the members of §3 in order: " + string.Join(", ", names);
            }

            foreach (var field in fields.OfType<JsonObject>())
            {
                foreach (var member in new[] { "name", "type", "format", "maxLength", "required", "readOnly", "nullable" })
                {
                    if (!field.ContainsKey(member))
                    {
                        return $"Field {field["name"]} has no '{member}'.";
                    }
                }
            }

            return null;
        }

        internal static string? Codes(JsonArray? items)
        {
            if (items is null)
            {
                return "No items array.";
            }

            string? previous = null;
            foreach (var item in items.OfType<JsonObject>())
            {
                if (item["code"] is not JsonValue code || item["name"] is null || item["active"] is null)
                {
                    return "An item lacks code, name or active.";
                }

                if (previous is not null && string.CompareOrdinal(code.GetValue<string>(), previous) <= 0)
                {
                    return "Items are not ordered by code.";
                }

                previous = code.GetValue<string>();
            }

            return null;
        }

        internal static string? OAuthError(ConformanceExchange x, int status, string error)
        {
            if (x.Status != status)
            {
                return $"Expected {status} {error}; got {x.Status}.";
            }

            if (x.MediaType != "application/json")
            {
                return $"Media type is {x.MediaType ?? "(none)"}, not application/json (RFC 6749 §5.2).";
            }

            var got = x.Json?["error"] is JsonValue e && e.TryGetValue<string>(out var s) ? s : null;
            if (got != error)
            {
                return $"error is {got ?? "absent"}, not {error}.";
            }

            return x.Json!["error_description"] is JsonValue ? null : "No error_description.";
        }
    }
}
