using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Client;

/// <summary>The vendor's rate-limit headers steer the client: it never sends past the budget they announce.</summary>
public sealed class RateLimitHeaderTests
{
    [Theory]
    [InlineData("RateLimit-Policy", "\"default\";q=10;w=1", "RateLimit", "\"default\";r=7;t=1", 10.0, 1.0, 7.0, 1.0)]
    [InlineData("RateLimit-Policy", "\"burst\";q=100;w=60", "RateLimit", "\"burst\";r=0;t=30", 100.0, 60.0, 0.0, 30.0)]
    [InlineData("X-RateLimit-Limit", "20", "X-RateLimit-Remaining", "3", 20.0, 1.0, 3.0, null)]
    [InlineData("RateLimit-Limit", "5", "RateLimit-Remaining", "2", 5.0, 1.0, 2.0, null)]
    [InlineData("X-RateLimit-Remaining", "4", "RateLimit", "limit=8, remaining=4, reset=2", 8.0, 1.0, 4.0, 2.0)]
    public void Headers_OfEveryKnownStyle_AreRead(string name1, string value1, string name2, string value2, double quota, double window, double remaining, double? reset)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation(name1, value1);
        response.Headers.TryAddWithoutValidation(name2, value2);

        var parsed = ServerRateLimit.Parse(response);

        Assert.Equal(quota, parsed.Quota);
        Assert.Equal(window, parsed.Window);
        Assert.Equal(remaining, parsed.Remaining);
        Assert.Equal(reset, parsed.Reset);
    }

    [Fact]
    public void An_EpochReset_IsTurnedIntoADelay()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var reset = ServerRateLimit.Parse(response).Reset;

        Assert.InRange(reset!.Value, 3, 6);
    }

    [Fact]
    public void A_SpentBudget_HoldsTheNextRequest_AndTheVendorRate_PacesAFasterClient()
    {
        // A clock of its own: on the real one, a thread held between the two calls (a collection, a busy CI machine)
        // shortens the second wait by as long as it was held.
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var limit = new ServerRateLimit(clientRequestsPerSecond: 0, TimeSpan.FromSeconds(120), () => now);
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("RateLimit-Policy", "\"default\";q=4;w=1");
        response.Headers.TryAddWithoutValidation("RateLimit", "\"default\";r=0;t=1");

        limit.Observe(response);
        var first = limit.Reserve();
        now += System.Diagnostics.Stopwatch.Frequency / 20; // the second caller comes 50 ms later
        var second = limit.Reserve();

        Assert.Equal(4, limit.VendorRate);
        // A spent budget waits one refill (0.25 s at 4/s) and a fifth more, so it never races the vendor's bucket;
        // the next request is one refill after that, less the 50 ms its caller came later.
        Assert.Equal(0.30, first.TotalSeconds, precision: 3);
        Assert.Equal(0.30 + 0.25 - 0.05, second.TotalSeconds, precision: 3);
    }

    [Fact]
    public void A_DayLongReset_PausesNoLongerThanMaxRetryAfter()
    {
        var limit = new ServerRateLimit(clientRequestsPerSecond: 10, TimeSpan.FromSeconds(2));
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "0");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "86400");

        limit.Observe(response);

        Assert.Equal(TimeSpan.FromSeconds(2), limit.Reserve());
    }

    [Fact]
    public async Task Against_ALimitedEmulator_AnUnlimitedClient_FollowsTheHeaders_AndGetsNo429()
    {
        await using var emu = await TestTitanHst.StartAsync(settings: new EmulatorSettings { RateLimit = 20, RateBurst = 5 });
        using var client = emu.Client(o => o.MaxRetries = 10);

        var (seconds, rateLimited) = await RunAsync(emu, client, calls: 60, workers: 4);

        Assert.Equal(0, rateLimited);
        Assert.Equal(0, client.Statistics.RateLimitedResponses);
        Assert.True(60 / seconds <= 20 * 1.05 + 5 / seconds, $"{60 / seconds:0.0} req/s against a limit of 20");
        // How close to the limit the client gets is a benchmark's measure (tools/bench/ApplyRate.Bench.ps1, "client
        // unlimited (headers only)": 0.998 of it in round 13), not a unit test's: on a loaded CI machine this run gave
        // 12.7 req/s. This bound only catches a client that throttles itself grossly (a window per request, or a wait
        // read in the wrong unit); the waits themselves are checked exactly on a clock of their own, above.
        Assert.True(60 / seconds >= 20 * 0.25, $"only {60 / seconds:0.0} req/s against a limit of 20");
    }

    [Fact]
    public async Task Without_TheHeaders_TheSameClient_OverrunsTheLimit()
    {
        // The control for the test above: it shows the headers, not luck, kept the client under the limit.
        await using var emu = await TestTitanHst.StartAsync(settings: new EmulatorSettings { RateLimit = 20, RateBurst = 5 });
        using var client = emu.Client(o =>
        {
            o.MaxRetries = 10;
            o.UseRateLimitHeaders = false;
        });

        var (_, rateLimited) = await RunAsync(emu, client, calls: 60, workers: 4);

        Assert.True(rateLimited > 0);
    }

    [Fact]
    public async Task TheEmulator_SendsEveryStyleOfHeader_OnlyWhileLimited()
    {
        await using var emu = await TestTitanHst.StartAsync(settings: new EmulatorSettings { RateLimit = 10, RateBurst = 20 });
        var seen = new ConcurrentQueue<HttpResponseMessage>();
        using var handler = new RecordingHandler { OnResponse = (_, r) => { seen.Enqueue(r); return Task.CompletedTask; } };
        using var client = emu.Client(handler: handler);

        await client.GetReferencesAsync(TargetReferenceKind.Role);
        var api = seen.Last();

        Assert.Equal("\"default\";q=10;w=1", api.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Matches("^\"default\";r=1[89];t=[0-9]+$", api.Headers.GetValues("RateLimit").Single());
        Assert.Equal("10", api.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Matches("^1[89]$", api.Headers.GetValues("X-RateLimit-Remaining").Single());

        await emu.ConfigureAsync(new { rateLimit = 0 });
        await client.GetReferencesAsync(TargetReferenceKind.Role);
        Assert.False(seen.Last().Headers.Contains("RateLimit"));
    }

    private static async Task<(double Seconds, int RateLimited)> RunAsync(TestTitanHst emu, TitanHstClient client, int calls, int workers)
    {
        await client.AuthenticateAsync();
        await Task.Delay(600); // the bucket refills after start-up
        using (await emu.Control.DeleteAsync("_emulator/stats"))
        {
        }

        var remaining = calls;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (System.Threading.Interlocked.Decrement(ref remaining) >= 0)
            {
                await client.GetReferencesAsync(TargetReferenceKind.Site);
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        var stats = await emu.StatsAsync();
        return (seconds, (int)stats["rateLimited"]!);
    }
}
