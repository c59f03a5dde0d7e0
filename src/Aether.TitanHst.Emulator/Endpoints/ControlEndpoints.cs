using System;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Aether.TitanHst.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Endpoints;

/// <summary>/_emulator/*: test and demo controls, no auth, loopback callers only (docs/emulator.md).</summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app, EmulatorState state)
    {
        var group = app.MapGroup("/_emulator").AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? await next(ctx)
                : Problems.Create(ctx.HttpContext, 403, "forbidden", "Loopback callers only."));

        group.MapGet("/config", () => Config(state));
        group.MapPut("/config", (Func<HttpContext, Task<IResult>>)(c => PutConfigAsync(c, state)));
        group.MapPost("/reset", () =>
        {
            state.Reset();
            return JsonBody.Create(200, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("staffCount", state.Store.Count);
                w.WriteEndObject();
            });
        });
        group.MapGet("/stats", () => JsonBody.Create(200, state.Stats.Write, 64 * 1024));
        group.MapDelete("/stats", () =>
        {
            state.Stats.Reset();
            return Results.NoContent();
        });
        group.MapPost("/staff/{id}/touch", (HttpContext c, string id) => TouchAsync(c, state, id));
        group.MapPost("/shutdown", (Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime) =>
        {
            // Graceful stop (the state file is written), used by Stop-TitanHstEmulator before it resorts to killing.
            lifetime.StopApplication();
            return Results.Accepted();
        });
        group.MapGet("/export", (HttpContext c) => ExportAsync(c, state));
    }

    private static BytesResult Config(EmulatorState state)
    {
        var node = JsonSerializer.SerializeToNode(state.Settings, Web)!.AsObject();
        node["clientId"] = state.Tokens.ClientId; // never the secret
        return new BytesResult(200, JsonBody.ContentType, JsonSerializer.SerializeToUtf8Bytes(node, Web));
    }

    // Partial update: the members sent replace the current ones; anything unknown is refused.
    private static async Task<IResult> PutConfigAsync(HttpContext context, EmulatorState state)
    {
        var (body, problem) = await RequestReader.ReadObjectAsync(context, mergePatch: true);
        if (problem is not null)
        {
            return problem;
        }

        var current = JsonSerializer.SerializeToNode(state.Settings, Web)!.AsObject();
        foreach (var (name, value) in body!)
        {
            if (!current.ContainsKey(name))
            {
                return Problems.BadRequest(context, $"Unknown setting '{name}'.");
            }

            current[name] = value?.DeepClone();
        }

        try
        {
            state.ApplySettings(current.Deserialize<EmulatorSettings>(Web)!);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Problems.BadRequest(context, e.Message);
        }

        return Config(state);
    }

    // Simulates a TitanHST admin editing the record: version and updatedAt move even with no body.
    private static async Task<IResult> TouchAsync(HttpContext context, EmulatorState state, string id)
    {
        var outcome = StaffValidator.Check(new JsonObject(), create: false, state.Store);
        if (context.Request.ContentLength is > 0)
        {
            var (body, problem) = await RequestReader.ReadObjectAsync(context, mergePatch: true);
            if (problem is not null)
            {
                return problem;
            }

            outcome = StaffValidator.Check(body!, create: false, state.Store);
            if (!outcome.IsValid)
            {
                return Problems.Validation(context, outcome.Errors);
            }
        }

        var result = state.Store.Update(id, null, outcome.ApplyTo, forceBump: true);
        return result.Status == WriteStatus.Conflict
            ? Problems.Create(context, 409, "external-id-conflict", "externalId is already in use.",
                extension: ("conflictingId", result.ConflictingId!))
            : StaffReadEndpoints.One(context, result.Record, "staff " + id);
    }

    private static async Task ExportAsync(HttpContext context, EmulatorState state)
    {
        var snapshot = state.Store.Snapshot();
        context.Response.ContentType = JsonBody.ContentType;
        var pipe = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(pipe, JsonWriting.Options);
        await SeedFiles.WriteAsync(snapshot, writer, async () => await pipe.FlushAsync(context.RequestAborted));
    }
}
