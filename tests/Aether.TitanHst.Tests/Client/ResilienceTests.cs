using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Client;

public sealed class ResilienceTests
{
    [Fact]
    public async Task RateLimited429_IsRetried_AfterAtLeastRetryAfter()
    {
        // One request a second with no burst: the second call, milliseconds after the first, is certainly
        // rate limited even on a loaded machine (two a second let a slow run slip under the limit).
        await using var emu = await TestTitanHst.StartAsync(settings: new EmulatorSettings { RateLimit = 1, RateBurst = 1 });
        using var handler = new RecordingHandler();
        // The emulator's rate-limit headers would keep the client from ever meeting the 429 this test is about.
        using var client = emu.Client(o => o.UseRateLimitHeaders = false, handler);

        for (var i = 0; i < 3; i++)
        {
            await client.GetReferencesAsync(TargetReferenceKind.Role);
        }

        var api = handler.Api;
        Assert.Contains(api, e => e.Status == 429);
        for (var i = 0; i < api.Count - 1; i++)
        {
            if (api[i].Status == 429)
            {
                var after = api[i].RetryAfter;
                Assert.True(after >= TimeSpan.FromSeconds(1), $"Retry-After {after}");
                var waited = api[i + 1].Sent - api[i].Answered;
                Assert.True(waited >= after, $"waited {waited.TotalMilliseconds:0} ms after a 429 with Retry-After {after}");
            }
        }

        var stats = client.Statistics;
        Assert.Equal(api.Count(e => e.Status == 429), stats.RateLimitedResponses);
        Assert.True(stats.RetryDelay >= TimeSpan.FromSeconds(stats.RateLimitedResponses));
    }

    [Fact]
    public async Task ServerErrors_AreRetried_UntilTheCallSucceeds()
    {
        await using var emu = await TestTitanHst.StartAsync(200, settings: new EmulatorSettings { FaultRate = 0.4, FaultMix = "500=1,502=1", FaultSeed = 11 });
        using var handler = new RecordingHandler();
        using var client = emu.Client(o => { o.MaxRetries = 10; o.BreakerFailureRatio = 1; o.BreakerMinimumThroughput = 1000; }, handler);

        var records = client.EnumerateStaff(new StaffQuery { PageSize = 20 }).ToList();

        Assert.Equal(200, records.Count);
        Assert.Equal(200, records.Select(r => r.Id).Distinct().Count());
        Assert.Contains(handler.Api, e => e.Status is 500 or 502);
        Assert.True(client.Statistics.ServerErrors > 0);
        Assert.Equal(handler.Api.Count, client.Statistics.Attempts);
    }

    [Fact]
    public async Task SustainedOutage_OpensTheBreaker_AndCallsFailFastWithoutReachingTitanHst()
    {
        await using var emu = await TestTitanHst.StartAsync(settings: new EmulatorSettings { FaultRate = 1, FaultMix = "500=1" });
        using var handler = new RecordingHandler();
        using var client = emu.Client(
            o =>
            {
                o.MaxRetries = 2;
                o.BreakerMinimumThroughput = 4;
                o.BreakerFailureRatio = 0.5;
                o.BreakerSamplingDuration = TimeSpan.FromSeconds(10);
                o.BreakerBreakDuration = TimeSpan.FromSeconds(30);
            },
            handler);

        var errors = new List<TitanHstApiException>();
        for (var i = 0; i < 6; i++)
        {
            errors.Add(await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync()));
        }

        Assert.All(errors, e => Assert.Equal(TitanHstErrorKind.VendorUnavailable, e.Kind));
        Assert.False(errors[0].CircuitOpen);
        Assert.Equal(500, errors[0].StatusCode);
        Assert.True(errors[^1].CircuitOpen, errors[^1].Message);
        var sent = handler.Api.Count;
        Assert.True(sent <= 5, $"{sent} requests reached TitanHST; the breaker should have stopped them after 4");
        Assert.Null(errors[^1].StatusCode);
    }

    [Fact]
    public async Task TitanHst_GoneMidRun_ConnectionsRefused_OpenTheBreaker()
    {
        // A refused connection is not retried (a wrong address would only repeat), but it is an outage all the same:
        // an apply that meets TitanHST gone must pause with its changes pending, not fail every one left.
        var emu = await TestTitanHst.StartAsync();
        using var client = emu.Client(o =>
        {
            o.BreakerMinimumThroughput = 4;
            o.BreakerFailureRatio = 0.5;
            o.BreakerSamplingDuration = TimeSpan.FromSeconds(10);
            o.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        await client.GetSchemaAsync();
        await emu.DisposeAsync();

        var errors = new List<TitanHstApiException>();
        for (var i = 0; i < 6; i++)
        {
            errors.Add(await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync()));
        }

        Assert.Equal(TitanHstErrorKind.ConnectionFailed, errors[0].Kind);
        Assert.False(errors[0].CircuitOpen);
        Assert.True(errors[^1].CircuitOpen, errors[^1].Message);
    }

    [Fact]
    public async Task ClientRateLimit_SpacesRequests()
    {
        await using var emu = await TestTitanHst.StartAsync();
        using var handler = new RecordingHandler();
        using var client = emu.Client(o => o.RequestsPerSecond = 20, handler);

        for (var i = 0; i < 30; i++)
        {
            await client.GetReferencesAsync(TargetReferenceKind.Site);
        }

        var api = handler.Api;
        var span = api[^1].Sent - api[0].Sent;
        // 30 requests at 20/s with a burst of 2: at least 28 / 20 s apart.
        Assert.True(span >= TimeSpan.FromSeconds(1.3), $"30 requests took {span.TotalMilliseconds:0} ms");
        Assert.True(client.Statistics.ThrottleWait > TimeSpan.Zero);
    }

    [Fact]
    public async Task SlowAttempt_TimesOut_AndIsRetried()
    {
        await using var emu = await TestTitanHst.StartAsync(settings: new EmulatorSettings { FaultRate = 1, FaultMix = "slow=1", SlowMs = 3000 });
        using var handler = new RecordingHandler();
        var first = true;
        handler.OnResponse = (_, _) => Task.CompletedTask;
        using var client = emu.Client(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(400), handler);
        // After the first attempt has timed out, TitanHST recovers.
        var recover = Task.Run(async () =>
        {
            await Task.Delay(250);
            await emu.ConfigureAsync(new { faultRate = 0.0 });
            first = false;
        });

        var schema = await client.GetSchemaAsync();
        await recover;

        Assert.False(first);
        Assert.Equal("1.0", schema.ApiVersion);
        Assert.True(client.Statistics.TransportErrors >= 1);
        Assert.True(client.Statistics.Attempts >= 2);
    }

    [Fact]
    public void PlainHttp_ToAnotherMachine_IsRefused()
    {
        static TitanHstClientOptions Options(string baseUri, string? tokenUri = null) => new()
        {
            BaseUri = new Uri(baseUri),
            TokenUri = tokenUri is null ? null : new Uri(tokenUri),
            ClientId = "c",
            ClientSecretProvider = () => "s",
        };

        Assert.Throws<InsecureUriException>(() => new TitanHstClient(Options("http://titanhst.example")));
        Assert.Throws<InsecureUriException>(() => new TitanHstClient(Options("http://10.0.0.5:8080")));
        Assert.Throws<InsecureUriException>(() => new TitanHstClient(Options("http://localhost.example.com")));
        Assert.Throws<InsecureUriException>(() => new TitanHstClient(Options("https://titanhst.example", "http://login.example/oauth/token")));
        Assert.Throws<InsecureUriException>(() => new TitanHstClient(Options("ftp://titanhst.example")));
        new TitanHstClient(Options("https://titanhst.example")).Dispose();
        new TitanHstClient(Options("http://127.0.0.1:5000")).Dispose();
        new TitanHstClient(Options("http://127.1.2.3:5000")).Dispose();
        new TitanHstClient(Options("http://[::1]:5000")).Dispose();
        new TitanHstClient(Options("http://localhost:5000")).Dispose();
    }
}
