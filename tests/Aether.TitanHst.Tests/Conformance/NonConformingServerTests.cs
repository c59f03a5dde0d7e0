using System;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Conformance;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.Conformance;

/// <summary>The suite names each deviation a non-conforming server plants, and with write checks off sends no write.</summary>
public sealed class NonConformingServerTests
{
    [Fact]
    public async Task Each_planted_deviation_is_named_and_read_only_sends_no_write()
    {
        await using var emu = await TestTitanHst.StartAsync(5);
        using var server = new NonConformingServer(emu.BaseUri);
        var suite = new ConformanceSuite(ConformanceSuiteTests.Target(server.BaseUri),
            new ConformanceOptions { MinimumInterval = TimeSpan.Zero, MaxPages = 20 });

        var results = await suite.RunAsync();
        var failed = results.Where(r => r.GetOutcome() == ConformanceOutcome.Fail).Select(r => r.Rule).ToList();

        string[] planted =
        {
            "A wrong secret is 401 invalid_client",                  // 1: 400 instead
            "environment is \"sandbox\" or \"production\"",          // 2: member removed
            "updatedSince without an offset is 400 bad-request",     // 3: read as UTC
            "Every response carries X-Request-Id",                   // 4: dropped on /roles
            "GET /staff is 200 with items (ordered by id) and nextCursor (string or null); each item carries etag", // 5: etag removed
            "An unknown route is 404 not-found",                     // 6: HTML page
        };
        foreach (var rule in planted)
        {
            Assert.True(failed.Any(f => f.StartsWith(rule, StringComparison.Ordinal)), $"not named: {rule}\nfailed: {string.Join("\n", failed)}");
        }

        Assert.Contains(results, r => r.GetOutcome() == ConformanceOutcome.Fail && r.Rule.StartsWith("Every API error is application/problem+json", StringComparison.Ordinal));
        // Nothing else fails but what follows from the plants: the date-only form of 3, the HTML page of 6 and the
        // 401s of /roles, which lost their X-Request-Id in 4 (so their traceId no longer matches one).
        string[] consequences =
        {
            "updatedSince a date alone is 400", "Every API error is application/problem+json", "No Authorization header is 401", "An unknown token is 401",
        };
        var unexplained = failed.Where(f => !planted.Concat(consequences).Any(p => f.StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.True(unexplained.Count == 0, "failures nobody planted: " + string.Join("\n", unexplained));

        // What the server received: with write checks off, not one write to the API.
        var api = server.Received.Where(r => r.Contains(" /api/v1", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(api);
        Assert.All(api, r => Assert.StartsWith("GET ", r, StringComparison.Ordinal));
        Assert.Equal(0, suite.WritesSent);

        // And the gate the cmdlet applies: this server does not say it is a sandbox.
        Assert.Null(await suite.ReadEnvironmentAsync());
    }
}
