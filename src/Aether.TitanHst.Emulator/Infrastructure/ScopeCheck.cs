using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator.Infrastructure;

/// <summary>RFC 6750 §3.1 insufficient_scope: a valid token without the scope the endpoint needs gets a 403.</summary>
internal static class ScopeCheck
{
    public static BytesResult? Forbidden(HttpContext context, EmulatorState state, string token)
    {
        var required = Scopes.RequiredFor(context.Request.Method, context.Request.Path.Value ?? string.Empty);
        if (state.Tokens.HasScope(token, required))
        {
            return null;
        }

        return Problems.Create(context, 403, "insufficient-scope", "Insufficient scope.", $"This request needs the scope {required}, which the access token was not granted.")
            .WithHeader("WWW-Authenticate", $"Bearer realm=\"titanhst\", error=\"insufficient_scope\", scope=\"{required}\"");
    }
}
