using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.Tests.Client;

/// <summary>Retry-After is honoured up to a cap, and every wait is announced before it starts.</summary>
public sealed class RetryAfterTests
{
    private const string RateLimited = "{\"type\":\"https://errors.titanhst.example/rate-limited\",\"title\":\"Too many requests.\"}";

    [Fact]
    public async Task RetryAfterOfADay_FailsAtOnce_SayingHowLongTitanHstAsked()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : CannedResponse.Json(429, RateLimited, ("Retry-After", "86400")));
        var waits = new ConcurrentQueue<TitanHstWait>();
        using var client = CannedClient.For(server.BaseUri, o => o.Waiting = waits.Enqueue);
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffPageAsync(StaffQuery.All, null));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(TitanHstErrorKind.RetryAfterTooLong, e.Kind);
        Assert.True(e.IsTransient);
        Assert.Equal(TimeSpan.FromDays(1), e.RetryAfter);
        Assert.Equal(429, e.StatusCode);
        Assert.Contains("asked us to wait 86400 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("120 s", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests.Count(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)));
        Assert.Empty(waits);
    }

    [Fact]
    public async Task TheCap_IsConfigurable()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : CannedResponse.Json(503, "{\"type\":\"https://errors.titanhst.example/unavailable\"}", ("Retry-After", "3")));
        using var client = CannedClient.For(server.BaseUri, o => o.MaxRetryAfter = TimeSpan.FromSeconds(2));

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync());

        Assert.Equal(TitanHstErrorKind.RetryAfterTooLong, e.Kind);
        Assert.Contains("asked us to wait 3 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWaitWithinTheCap_IsAnnounced_BeforeItStarts_ThenTheCallSucceeds()
    {
        var calls = 0;
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : ++calls == 1
                ? CannedResponse.Json(429, RateLimited, ("Retry-After", "1"))
                : CannedResponse.Json(200, "{\"items\":[{\"code\":\"TCH\",\"name\":\"Teacher\",\"active\":true}]}"));
        var announced = new ConcurrentQueue<(TitanHstWait Wait, TimeSpan At)>();
        var watch = Stopwatch.StartNew();
        using var client = CannedClient.For(server.BaseUri, o => o.Waiting = w => announced.Enqueue((w, watch.Elapsed)));

        var roles = await client.GetReferencesAsync(Target.TargetReferenceKind.Role);

        Assert.Single(roles);
        var (wait, at) = Assert.Single(announced);
        Assert.Equal(TitanHstWaitReason.RetryAfter, wait.Reason);
        Assert.Equal(429, wait.StatusCode);
        Assert.Equal(2, wait.Attempt);
        Assert.True(wait.Delay >= TimeSpan.FromSeconds(1));
        Assert.StartsWith("TitanHST asked to wait 1.", wait.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("s (429) before retrying GET /api/v1/roles", wait.ToString(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed - at >= TimeSpan.FromSeconds(0.9), "announced after the wait instead of before it");
    }

    [Fact]
    public async Task Backoff_WithoutRetryAfter_IsAnnouncedToo()
    {
        var calls = 0;
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : ++calls == 1
                ? CannedResponse.Json(502, "{\"type\":\"https://errors.titanhst.example/bad-gateway\"}")
                : CannedResponse.Json(200, "{\"items\":[]}"));
        var waits = new ConcurrentQueue<TitanHstWait>();
        using var client = CannedClient.For(server.BaseUri, o => o.Waiting = waits.Enqueue);

        await client.GetReferencesAsync(Target.TargetReferenceKind.Site);

        var wait = Assert.Single(waits);
        Assert.Equal(TitanHstWaitReason.Backoff, wait.Reason);
        Assert.Contains("(502) before retrying GET /api/v1/sites (attempt 2)", wait.ToString(), StringComparison.Ordinal);
    }
}
