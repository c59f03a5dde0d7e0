using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Conformance;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Tests.Client;

namespace Aether.TitanHst.Tests.Conformance;

/// <summary>The conformance suite against the emulator: every rule it can check passes, read-only sends no write.</summary>
public sealed class ConformanceSuiteTests
{
    /// <summary>Rules that are Skipped against the emulator by design: nothing throttles a paced run, and it sends no rate-limit headers.</summary>
    private static readonly string[] ExpectedSkips = { "A 429 is rate-limited", "Rate-limit headers, when sent" };

    internal static ConformanceTarget Target(Uri baseUri) =>
        new(baseUri, EmulatorOptions.DefaultClientId, () => EmulatorOptions.DefaultClientSecret);

    private static ConformanceOptions Options(bool writes) => new() { IncludeWrites = writes, MinimumInterval = TimeSpan.Zero, MaxPages = 50 };

    private static void AssertAllPass(IReadOnlyList<ConformanceResult> results, params string[] alsoSkipped)
    {
        var unexpected = results.Where(r => r.GetOutcome() != ConformanceOutcome.Pass
            && !(r.GetOutcome() == ConformanceOutcome.Skipped && ExpectedSkips.Concat(alsoSkipped).Any(s => r.Rule.StartsWith(s, StringComparison.Ordinal)))).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Select(r => $"{r} | {r.Request} | {r.ResponseSummary} | {r.Detail}")));
    }

    [Fact]
    public async Task ReadOnly_run_passes_every_rule_on_the_emulator_and_sends_no_write()
    {
        await using var emu = await TestTitanHst.StartAsync(7);
        var suite = new ConformanceSuite(Target(emu.BaseUri), Options(writes: false));

        var results = await suite.RunAsync();

        AssertAllPass(results, "Create, patch, deactivate");
        Assert.True(results.Count > 30, $"{results.Count} rules");
        Assert.Equal(0, suite.WritesSent);
        // The emulator's own log of what it received: nothing but GETs under /api/v1.
        var received = (await emu.StatsAsync())["recent"]!.AsArray()
            .Where(e => e!["path"]!.GetValue<string>().StartsWith("/api/v1", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(received);
        Assert.All(received, e => Assert.Equal("GET", e!["method"]!.GetValue<string>()));
        Assert.All(results, r => Assert.DoesNotContain(EmulatorOptions.DefaultClientSecret, r.Request + r.ResponseSummary + r.Detail, StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain("E000000", r.Request + r.ResponseSummary + r.Detail, StringComparison.Ordinal)); // no externalIds
    }

    [Fact]
    public async Task Run_with_writes_passes_every_rule_on_the_emulator_and_leaves_nothing_behind()
    {
        await using var emu = await TestTitanHst.StartAsync(3);
        var suite = new ConformanceSuite(Target(emu.BaseUri), Options(writes: true));

        var results = await suite.RunAsync();

        AssertAllPass(results);
        Assert.Contains(results, r => r.Section == "4.6" && r.GetOutcome() == ConformanceOutcome.Pass);
        Assert.True(suite.WritesSent > 10);
        Assert.Equal(3, emu.Host.State.Store.Count);
    }

    [Fact]
    public async Task Emulator_says_it_is_a_sandbox()
    {
        await using var emu = await TestTitanHst.StartAsync();
        Assert.Equal("sandbox", await new ConformanceSuite(Target(emu.BaseUri), Options(false)).ReadEnvironmentAsync());
    }

    /// <summary>A server that issues tokens but answers everything else with JSON of the wrong shape.</summary>
    private sealed class NonsenseHandler : System.Net.Http.HttpMessageHandler
    {
        protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            var body = request.RequestUri!.AbsolutePath == "/oauth/token"
                ? "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":60}"
                : "{\"items\":[{\"id\":5,\"externalId\":7,\"version\":\"x\"}],\"nextCursor\":3,\"status\":\"x\",\"type\":9,\"id\":[]}";
            return Task.FromResult(new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }

    [Fact]
    public async Task A_target_answering_nonsense_gets_Fail_rows_not_a_crash()
    {
        var target = Target(new Uri("http://127.0.0.1:9/"));
        target.Handler = new NonsenseHandler();
        var results = await new ConformanceSuite(target, Options(writes: true)).RunAsync();

        Assert.Contains(results, r => r.GetOutcome() == ConformanceOutcome.Fail && r.Section == "4.1");
        Assert.Contains(results, r => r.GetOutcome() == ConformanceOutcome.Fail && r.Rule.StartsWith("Every API error", StringComparison.Ordinal) is false && r.Section == "2");
        Assert.DoesNotContain(results, r => r.GetOutcome() == ConformanceOutcome.Pass && r.Rule.StartsWith("A wrong secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_refused()
    {
        Assert.Throws<Aether.TitanHst.Client.InsecureUriException>(() => Target(new Uri("http://titanhst.example/")));
    }

    [Fact]
    public void Reports_escape_what_the_server_said_and_name_failures_first()
    {
        var results = new List<ConformanceResult>
        {
            new("1", "ok rule", ConformanceOutcome.Pass, "GET /x", "200", "reading", string.Empty),
            new("8", "<script>alert(1)</script> | `x`", ConformanceOutcome.Fail, "GET /y", "500 <b>", "branching", "bad <img src=x>"),
        };
        var html = ConformanceReportWriter.Html(results, new Uri("https://sandbox.example/"), DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var md = ConformanceReportWriter.Markdown(results, new Uri("https://sandbox.example/"), DateTimeOffset.UnixEpoch);
        Assert.Contains("1 Pass, 1 Fail, 0 Skipped, 0 Inconclusive", md, StringComparison.Ordinal);
        Assert.True(md.IndexOf("Fail (blocks the connector)", StringComparison.Ordinal) < md.IndexOf("## Every rule", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
    }
}
