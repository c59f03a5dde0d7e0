using System;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Infrastructure;

/// <summary>RFC 6750 bearer-token check for /api/v1 (docs §2): a 401 result, or null when the token is good.</summary>
internal static class BearerCheck
{
    public static BytesResult? Challenge(HttpContext context, EmulatorState state)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(context, 401, "unauthorized", "Authentication required.", "Send Authorization: Bearer <token>.")
                .WithHeader("WWW-Authenticate", "Bearer realm=\"titanhst\"");
        }

        var description = state.Tokens.Check(header.Substring(7).Trim()) switch
        {
            TokenState.Valid => null,
            TokenState.Expired => "The access token expired",
            _ => "The access token is invalid",
        };
        return description is null
            ? null
            : Problems.Create(context, 401, "unauthorized", "Invalid access token.", description + ".")
                .WithHeader("WWW-Authenticate", $"Bearer realm=\"titanhst\", error=\"invalid_token\", error_description=\"{description}\"");
    }
}
