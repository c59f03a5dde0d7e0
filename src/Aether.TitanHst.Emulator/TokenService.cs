using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Aether.TitanHst.Emulator;

internal enum TokenState
{
    Valid,
    Unknown,
    Expired,
}

/// <summary>
/// Issues and checks opaque bearer tokens, each with the scopes it was granted. The main client holds every scope;
/// further clients (a read-only one for tests) hold what they were registered with. Never logs or exposes a secret
/// or a token.
/// </summary>
internal sealed class TokenService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (IReadOnlySet<string> Scopes, string Client)> _granted = new(StringComparer.Ordinal);
    private readonly List<(byte[] Id, byte[] Secret, IReadOnlySet<string> Scopes)> _others = new();
    private readonly TimeProvider _clock;
    private readonly byte[] _clientId;
    private readonly byte[] _clientSecret;

    public TokenService(TimeProvider clock, string clientId, string clientSecret)
    {
        _clock = clock;
        ClientId = clientId;
        _clientId = Encoding.UTF8.GetBytes(clientId);
        _clientSecret = Encoding.UTF8.GetBytes(clientSecret);
    }

    public string ClientId { get; }

    /// <summary>Registers another client with only <paramref name="scopes"/> (at start-up, before any request).</summary>
    public void AddClient(string id, string secret, IReadOnlySet<string> scopes) =>
        _others.Add((Encoding.UTF8.GetBytes(id), Encoding.UTF8.GetBytes(secret), scopes));

    /// <summary>The scopes the client may be granted, or null when the id or secret is wrong (constant-time compares).</summary>
    public IReadOnlySet<string>? ScopesOf(string? id, string? secret)
    {
        if (IsClient(id, secret))
        {
            return Scopes.All;
        }

        IReadOnlySet<string>? found = null;
        foreach (var (clientId, clientSecret, scopes) in _others)
        {
            var idOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(id ?? string.Empty), clientId);
            var secretOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret ?? string.Empty), clientSecret);
            if (idOk && secretOk && id is not null && secret is not null)
            {
                found = scopes;
            }
        }

        return found;
    }

    /// <summary>True when a valid token was granted <paramref name="scope"/>.</summary>
    public bool HasScope(string token, string scope) => _granted.TryGetValue(token, out var grant) && grant.Scopes.Contains(scope);

    /// <summary>The OAuth client a valid token was issued to (its rate-limit bucket, docs §7); the main client when unknown.</summary>
    public string ClientOf(string token) => _granted.TryGetValue(token, out var grant) ? grant.Client : ClientId;

    /// <summary>Constant-time comparison, so timing does not reveal how much of the secret was right.</summary>
    public bool IsClient(string? id, string? secret)
    {
        var idOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(id ?? string.Empty), _clientId);
        var secretOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret ?? string.Empty), _clientSecret);
        return idOk && secretOk && id is not null && secret is not null;
    }

    public string Issue(int lifetimeSeconds) => Issue(lifetimeSeconds, Scopes.All, ClientId);

    /// <summary>A new token for <paramref name="client"/> (an id <see cref="ScopesOf"/> accepted) holding <paramref name="scopes"/>.</summary>
    public string Issue(int lifetimeSeconds, IReadOnlySet<string> scopes, string client)
    {
        var now = _clock.GetUtcNow();
        if (_expiries.Count > 10_000)
        {
            foreach (var (token, expiry) in _expiries)
            {
                if (expiry <= now)
                {
                    _expiries.TryRemove(token, out _);
                    _granted.TryRemove(token, out _);
                }
            }
        }

        var value = Base64Url(RandomNumberGenerator.GetBytes(32));
        _granted[value] = (scopes, client);
        _expiries[value] = now.AddSeconds(lifetimeSeconds);
        return value;
    }

    public TokenState Check(string token)
    {
        if (!_expiries.TryGetValue(token, out var expiry))
        {
            return TokenState.Unknown;
        }

        if (expiry > _clock.GetUtcNow())
        {
            return TokenState.Valid;
        }

        _expiries.TryRemove(token, out _);
        return TokenState.Expired;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
