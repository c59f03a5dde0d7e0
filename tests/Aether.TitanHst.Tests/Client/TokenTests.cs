using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Emulator;

namespace Aether.TitanHst.Tests.Client;

public sealed class TokenTests
{
    [Fact]
    public async Task ShortLivedToken_IsRenewedBeforeExpiry_DuringALongListing()
    {
        await using var emu = await TestTitanHst.StartAsync(600, settings: new EmulatorSettings { TokenLifetimeSeconds = 1 });
        using var client = emu.Client();

        // ~2.4 s of paging with a 1-second token.
        var records = client.EnumerateStaff(new StaffQuery { PageSize = 50 }, _ => Thread.Sleep(200)).ToList();

        Assert.Equal(600, records.Count);
        Assert.True(client.Statistics.TokenRequests >= 2, $"{client.Statistics.TokenRequests} token requests");
    }

    [Fact]
    public async Task TokenExpiringEarly_401_IsRenewedOnce_AndTheCallSucceeds()
    {
        await using var emu = await TestTitanHst.StartAsync(300, settings: new EmulatorSettings { TokenLifetimeSeconds = 1 });
        // The token endpoint claims an hour, TitanHST expires the token after a second: the client only learns
        // from the 401 (as after a revocation) and must renew and resend, once.
        using var handler = new RecordingHandler
        {
            OnResponse = async (request, response) =>
            {
                if (request.RequestUri!.AbsolutePath == "/oauth/token" && response.IsSuccessStatusCode)
                {
                    var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                    json["expires_in"] = 3600;
                    response.Content = new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
                }
            },
        };
        using var client = emu.Client(handler: handler);
        var renewed = 0;

        var records = client.EnumerateStaff(new StaffQuery { PageSize = 50 }, p =>
        {
            renewed += p.Call.TokenRenewed ? 1 : 0;
            Thread.Sleep(400);
        }).ToList();

        Assert.Equal(300, records.Count);
        Assert.True(renewed >= 1, "no call renewed its token");
        Assert.Contains(handler.Api, e => e.Status == 401);
        Assert.True(client.Statistics.TokenRequests >= 2);
    }

    [Fact]
    public async Task WrongSecret_IsUnauthorized_AndNeverEchoed()
    {
        await using var emu = await TestTitanHst.StartAsync();
        const string secret = "wrong-secret-0123456789";
        using var client = emu.Client(o => o.ClientSecretProvider = () => secret);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync());

        Assert.Equal(TitanHstErrorKind.Unauthorized, e.Kind);
        Assert.Equal(401, e.StatusCode);
        Assert.Equal("invalid_client", e.ProblemType);
        Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_RemovesTokenAndSecret()
    {
        await using var emu = await TestTitanHst.StartAsync();
        using var handler = new RecordingHandler();
        string? token = null;
        handler.OnResponse = async (request, response) =>
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/token")
            {
                token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            }
        };
        using var client = emu.Client(handler: handler);
        await client.AuthenticateAsync();

        var text = client.Redact($"a {token} b {EmulatorOptions.DefaultClientSecret} c");

        Assert.Equal("a [redacted] b [redacted] c", text);
    }
}
