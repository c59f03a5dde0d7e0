using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Aether.TitanHst.Emulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Endpoints;

/// <summary>GET list / one / by external id (docs §4.1, §4.2).</summary>
internal static partial class StaffReadEndpoints
{
    private const string CursorPrefix = "v1:";

    public static void Map(WebApplication app, EmulatorState state)
    {
        app.MapGet("/api/v1/staff", (HttpContext c) => List(c, state));
        app.MapGet("/api/v1/staff/{id}", (HttpContext c, string id) => One(c, state.Store.Get(id), "staff " + id));
        app.MapGet("/api/v1/staff/by-external-id/{externalId}", (HttpContext c, string externalId) =>
            One(c, state.Store.GetByExternalId(externalId), "staff with externalId " + externalId));
    }

    public static IResult One(HttpContext context, StaffRecord? record, string what) => record is null
        ? Problems.NotFound(context, $"No {what}.")
        : new BytesResult(200, JsonBody.ContentType, StaffJson.ToBytes(record)).WithHeader("ETag", StaffJson.ETag(record.Version));

    private static BytesResult List(HttpContext context, EmulatorState state)
    {
        var query = context.Request.Query;
        var limit = 100;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            return Problems.BadRequest(context, "limit must be an integer from 1 to 1000.");
        }

        string? afterId = null;
        if (query.TryGetValue("cursor", out var cursor) && !TryDecodeCursor(cursor.ToString(), out afterId))
        {
            return Problems.BadRequest(context, "cursor is not a cursor this API returned.");
        }

        bool? active = null;
        if (query.TryGetValue("active", out var activeText))
        {
            active = activeText.ToString() switch
            {
                "true" => true,
                "false" => false,
                _ => null,
            };
            if (active is null)
            {
                return Problems.BadRequest(context, "active must be true or false.");
            }
        }

        DateTimeOffset? since = null;
        if (query.TryGetValue("updatedSince", out var sinceText))
        {
            // RFC 3339 with a required offset (decision 0009): no local times read as UTC, no dates alone, and no
            // guessing that a space was an unencoded '+'.
            var text = sinceText.ToString();
            if (!UpdatedSincePattern().IsMatch(text)
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Problems.BadRequest(context,
                    "updatedSince must be an RFC 3339 date-time with Z or an offset, e.g. 2026-01-01T00:00:00Z (percent-encode '+').");
            }

            since = parsed;
        }

        bool Matches(StaffRecord r) => (active is null || r.Active == active) && (since is null || r.UpdatedAt >= since);

        StaffPage page;
        if (query.TryGetValue("externalId", out var externalId))
        {
            var record = state.Store.GetByExternalId(externalId.ToString());
            var items = record is not null && Matches(record) && (afterId is null || string.CompareOrdinal(record.Id, afterId) > 0)
                ? new[] { record } : Array.Empty<StaffRecord>();
            page = new StaffPage(items, null);
        }
        else
        {
            var window = state.Settings.ListScanWindow;
            page = state.Store.List(afterId, limit, window > 0 ? Math.Max(window, limit) : Math.Max(limit * 20, 1000), Matches);
        }

        return JsonBody.Create(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("items");
            foreach (var record in page.Items)
            {
                StaffJson.Write(w, record, includeEtag: true);
            }

            w.WriteEndArray();
            if (page.NextAfterId is null)
            {
                w.WriteNull("nextCursor");
            }
            else
            {
                w.WriteString("nextCursor", EncodeCursor(page.NextAfterId));
            }

            w.WriteEndObject();
        }, 64 + (page.Items.Count * 512));
    }

    private static string EncodeCursor(string afterId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CursorPrefix + afterId));

    private static bool TryDecodeCursor(string cursor, out string? afterId)
    {
        afterId = null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal) && StaffIds.TryParse(text[CursorPrefix.Length..], out _))
            {
                afterId = text[CursorPrefix.Length..];
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex UpdatedSincePattern();
}
