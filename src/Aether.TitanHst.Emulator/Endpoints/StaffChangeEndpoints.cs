using System;
using System.Threading.Tasks;
using Aether.TitanHst.Emulator.Infrastructure;
using Aether.TitanHst.Emulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Endpoints;

/// <summary>PATCH, DELETE, deactivate, reactivate: all guarded by If-Match (docs §4.4–4.6), checks in the documented order.</summary>
internal static class StaffChangeEndpoints
{
    public static void Map(WebApplication app, EmulatorState state)
    {
        app.MapPatch("/api/v1/staff/{id}", (HttpContext c, string id) => PatchAsync(c, state, id));
        app.MapDelete("/api/v1/staff/{id}", (HttpContext c, string id) => Delete(c, state, id));
        app.MapPost("/api/v1/staff/{id}/deactivate", (HttpContext c, string id) => SetActiveAsync(c, state, id, false));
        app.MapPost("/api/v1/staff/{id}/reactivate", (HttpContext c, string id) => SetActiveAsync(c, state, id, true));
    }

    private static async Task<IResult> PatchAsync(HttpContext context, EmulatorState state, string id)
    {
        if (Precheck(context, state, id, out var version, out var current) is { } failed)
        {
            return failed;
        }

        var (body, problem) = await RequestReader.ReadObjectAsync(context, mergePatch: true);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = StaffValidator.Check(body!, create: false, state.Store);
        // The record at the If-Match version: the store applies the patch only to that version, so this is what it changes.
        outcome.CheckAgainst(current!);
        return outcome.IsValid
            ? Respond(context, state.Store.Update(id, version, outcome.ApplyTo), id, outcome.ApplyTo)
            : Problems.Validation(context, outcome.Errors);
    }

    private static async Task<IResult> SetActiveAsync(HttpContext context, EmulatorState state, string id, bool active)
    {
        if (Precheck(context, state, id, out var version) is { } failed)
        {
            return failed;
        }

        if (await RequestReader.ReadEmptyAsync(context) is { } badBody)
        {
            return badBody;
        }

        StaffRecord Change(StaffRecord r) => r with { Active = active };
        return Respond(context, state.Store.Update(id, version, Change), id, Change);
    }

    private static BytesResult Delete(HttpContext context, EmulatorState state, string id)
    {
        if (Precheck(context, state, id, out var version) is { } failed)
        {
            return failed;
        }

        var result = state.Store.Delete(id, version);
        return result.Status switch
        {
            WriteStatus.Ok => new BytesResult(204, null, null),
            WriteStatus.Stale => Problems.Stale(context, result.CurrentVersion),
            _ => Problems.NotFound(context, $"No staff {id}."),
        };
    }

    /// <summary>404, then 428/400 for If-Match, then 412 against the current version.</summary>
    private static BytesResult? Precheck(HttpContext context, EmulatorState state, string id, out int version) =>
        Precheck(context, state, id, out version, out _);

    private static BytesResult? Precheck(HttpContext context, EmulatorState state, string id, out int version, out StaffRecord? current)
    {
        version = 0;
        current = state.Store.Get(id);
        if (current is null)
        {
            return Problems.NotFound(context, $"No staff {id}.");
        }

        if (RequestReader.ReadIfMatch(context, out var entityTag) is { } bad)
        {
            return bad;
        }

        // Strong comparison of the tags as sent: "01" is not "1".
        if (!string.Equals(entityTag, StaffJson.ETag(current.Version), StringComparison.Ordinal))
        {
            return Problems.Stale(context, current.Version);
        }

        version = current.Version;
        return null;
    }

    private static IResult Respond(HttpContext context, WriteResult result, string id, Func<StaffRecord, StaffRecord> change) =>
        result.Status switch
        {
            WriteStatus.Ok => StaffReadEndpoints.One(context, result.Record, id),
            WriteStatus.Stale => Problems.Stale(context, result.CurrentVersion),
            WriteStatus.Conflict => Problems.Conflict(context, change(new StaffRecord()).ExternalId ?? string.Empty, result.ConflictingId!),
            _ => Problems.NotFound(context, $"No staff {id}."),
        };
}
