using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Aether.TitanHst.Emulator;

internal enum TokenState
{
    Valid,
    Unknown,
    Expired,
}

/// <summary>Issues and checks opaque bearer tokens. Never logs or exposes the secret or a token.</summary>
internal sealed class TokenService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
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

    /// <summary>Constant-time comparison, so timing does not reveal how much of the secret was right.</summary>
    public bool IsClient(string? id, string? secret)
    {
        var idOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(id ?? string.Empty), _clientId);
        var secretOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret ?? string.Empty), _clientSecret);
        return idOk && secretOk && id is not null && secret is not null;
    }

    public string Issue(int lifetimeSeconds)
    {
        var now = _clock.GetUtcNow();
        if (_expiries.Count > 10_000)
        {
            foreach (var (token, expiry) in _expiries)
            {
                if (expiry <= now)
                {
                    _expiries.TryRemove(token, out _);
                }
            }
        }

        var value = Base64Url(RandomNumberGenerator.GetBytes(32));
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
