using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task RateLimit_Answers429WithRetryAfter_AndHoldsTheRate()
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions { Settings = new EmulatorSettings { RateLimit = 20 } });
        var statuses = new List<int>();
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(1.5))
        {
            using var response = await emu.Http.GetAsync("api/v1/roles");
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode == 429)
            {
                Assert.True(response.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
            }
        }

        // Bucket of 20 plus 20/s refill over ~1.5 s: about 50 pass, never many more.
        var passed = statuses.Count(s => s == 200);
        Assert.InRange(passed, 25, 55);
        Assert.Contains(429, statuses);

        using var stats = await emu.Http.GetAsync("_emulator/stats");
        Assert.Equal(statuses.Count(s => s == 429), (await TestEmulator.Json(stats))["rateLimited"]!.GetValue<int>());
    }

    // Audit item 1: docs §7 says "per OAuth client, a token bucket"; the emulator had one bucket for every client, so a
    // read-only client's reads spent the write client's budget.
    [Fact]
    public async Task RateLimit_IsOneBucketPerOAuthClient_SharedByThatClientsTokens()
    {
        // 0.05/s: no token comes back while the test runs, however slow the machine.
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions
        {
            ReadClientId = "reader",
            ReadClientSecret = "reader-secret",
            Settings = new EmulatorSettings { RateLimit = 0.05, RateBurst = 2 },
        }, authenticate: false);
        var reader = await Token(emu, "reader", "reader-secret");
        var writer = await emu.TokenAsync();
        var writerAgain = await emu.TokenAsync();

        Assert.Equal(new[] { 200, 200, 429 }, new[] { await Roles(emu, reader), await Roles(emu, reader), await Roles(emu, reader) });
        // The write client's bucket is its own, and both of its tokens draw on it.
        Assert.Equal(new[] { 200, 200, 429 }, new[] { await Roles(emu, writer), await Roles(emu, writerAgain), await Roles(emu, writer) });
    }

    private static async Task<string> Token(TestEmulator emu, string id, string secret)
    {
        using var response = await emu.Http.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
        }));
        Assert.Equal(200, (int)response.StatusCode);
        return (await TestEmulator.Json(response))["access_token"]!.GetValue<string>();
    }

    private static async Task<int> Roles(TestEmulator emu, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/roles");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await emu.Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task FaultMix_WithSeed_IsDeterministic()
    {
        var settings = new EmulatorSettings { FaultRate = 0.5, FaultMix = "429=1,500=1,502=1,503=1", FaultSeed = 42 };
        var runs = new List<int[]>();
        for (var run = 0; run < 2; run++)
        {
            await using var emu = await TestEmulator.StartAsync(new EmulatorOptions { Settings = settings });
            var statuses = new int[60];
            for (var i = 0; i < statuses.Length; i++)
            {
                using var response = await emu.Http.GetAsync("api/v1/roles");
                statuses[i] = (int)response.StatusCode;
            }

            runs.Add(statuses);
        }

        Assert.Equal(runs[0], runs[1]);
        Assert.Contains(200, runs[0]);
        Assert.True(runs[0].Distinct().Count() >= 4, string.Join(",", runs[0]));
    }

    [Fact]
    public async Task Drop_AppliesTheCreate_ThenTheRetryWithTheSameKeyIsReplayed()
    {
        await using var emu = await TestEmulator.StartAsync();
        using (var set = await emu.SendAsync(HttpMethod.Put, "_emulator/config", new { faultRate = 1.0, faultMix = "drop=1" }))
        {
            Assert.Equal(200, (int)set.StatusCode);
        }

        var body = new { externalId = "E9", firstName = "Dee", lastName = "Drop" };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emu.CreateAsync(body, "drop-key"));
        Assert.Equal(1, emu.Host.State.Store.Count);

        using (var clear = await emu.SendAsync(HttpMethod.Put, "_emulator/config", new { faultRate = 0 }))
        {
            Assert.Equal(200, (int)clear.StatusCode);
        }

        using var retry = await emu.CreateAsync(body, "drop-key");
        Assert.Equal(201, (int)retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, emu.Host.State.Store.Count);
    }

    [Fact]
    public async Task TokenEndpoint_IsNotFaulted_UnlessAsked()
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions
        {
            Settings = new EmulatorSettings { FaultRate = 1, FaultMix = "503=1" },
        }, authenticate: false);
        Assert.NotEmpty(await emu.TokenAsync());
        using var config = await emu.SendAsync(HttpMethod.Put, "_emulator/config", new { faultToken = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => emu.TokenAsync());
    }
}
