using System;
using System.Threading.Tasks;
using Aether.TitanHst.Emulator.Infrastructure;
using Aether.TitanHst.Emulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Endpoints;

/// <summary>POST /api/v1/staff with Idempotency-Key (docs §4.3, §6), checks in the documented order.</summary>
internal static class StaffCreateEndpoint
{
    public static void Map(WebApplication app, EmulatorState state) =>
        app.MapPost("/api/v1/staff", (Func<HttpContext, Task<IResult>>)(c => CreateAsync(c, state)));

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorState state)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (!IsValidKey(key))
        {
            return Problems.Create(context, 400, "idempotency-key-missing", "Idempotency-Key is required.",
                "Send Idempotency-Key: 1 to 255 printable ASCII characters (a UUID is recommended).");
        }

        var (body, problem) = await RequestReader.ReadObjectAsync(context, mergePatch: false);
        if (problem is not null)
        {
            return problem;
        }

        var client = state.Tokens.ClientId;
        switch (state.Idempotency.Begin(client, key, body!, out var replay))
        {
            case IdempotencyDecision.Replay:
                var again = new BytesResult(replay!.Status, replay.ContentType, replay.Body);
                again.Headers.AddRange(replay.Headers);
                return again.WithHeader("Idempotent-Replayed", "true");
            case IdempotencyDecision.Reused:
                return Problems.Create(context, 422, "idempotency-key-reused", "Idempotency-Key was used with a different body.",
                    "Use a new key for a different request.");
            case IdempotencyDecision.InUse:
                return Problems.Create(context, 409, "idempotency-key-in-use", "A request with this Idempotency-Key is in progress.",
                    "Retry later.");
        }

        var completed = false;
        try
        {
            var outcome = StaffValidator.Check(body!, create: true, state.Store);
            if (!outcome.IsValid)
            {
                return Problems.Validation(context, outcome.Errors);
            }

            var result = state.Store.Create(outcome.ApplyTo(new StaffRecord()));
            if (result.Status == WriteStatus.Conflict)
            {
                return Problems.Conflict(context, outcome.ApplyTo(new StaffRecord()).ExternalId!, result.ConflictingId!);
            }

            var record = result.Record!;
            var response = new BytesResult(201, JsonBody.ContentType, StaffJson.ToBytes(record))
                .WithHeader("ETag", StaffJson.ETag(record.Version))
                .WithHeader("Location", "/api/v1/staff/" + record.Id);
            state.Idempotency.Complete(client, key, body!, response);
            completed = true;
            return response;
        }
        finally
        {
            if (!completed)
            {
                state.Idempotency.Abandon(client, key);
            }
        }
    }

    private static bool IsValidKey(string key)
    {
        if (key.Length is < 1 or > 255)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
