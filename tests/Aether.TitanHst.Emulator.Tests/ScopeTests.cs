using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

/// <summary>Least privilege (docs/titanhst-api.md §2.1): tokens carry scopes, and each endpoint needs its own.</summary>
public sealed class ScopeTests
{
    private static EmulatorOptions WithReadClient() => new() { ReadClientId = "reader", ReadClientSecret = "reader-secret" };

    private static async Task<HttpResponseMessage> AskToken(TestEmulator emu, string id, string secret, string? scope)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return await emu.Http.PostAsync("oauth/token", new FormUrlEncodedContent(form));
    }

    private static async Task<string> Token(TestEmulator emu, string id, string secret, string? scope)
    {
        using var response = await AskToken(emu, id, secret, scope);
        Assert.Equal(200, (int)response.StatusCode);
        return (await TestEmulator.Json(response))["access_token"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_read_only_token_reads_staff_but_a_write_with_it_is_403_insufficient_scope()
    {
        await using var emu = await TestEmulator.StartAsync(WithReadClient(), authenticate: false);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Token(emu, "reader", "reader-secret", "staff.read reference.read"));

        using (var list = await emu.Http.GetAsync("api/v1/staff"))
        {
            Assert.Equal(200, (int)list.StatusCode);
        }

        using var write = await emu.CreateAsync(new { externalId = "X1", firstName = "A", lastName = "B", email = "a.b@district.example.org", roleCode = "TCH", siteCode = "HS1" }, "k-1");
        Assert.Equal(403, (int)write.StatusCode);
        Assert.Equal("https://errors.titanhst.example/insufficient-scope", (await TestEmulator.Json(write))["type"]!.GetValue<string>());
        Assert.Contains("error=\"insufficient_scope\"", write.Headers.WwwAuthenticate.ToString());
        Assert.Contains("scope=\"staff.write\"", write.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_asked_for_read_only_by_the_main_client_cannot_write_either()
    {
        await using var emu = await TestEmulator.StartAsync(authenticate: false);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Token(emu, "demo-client", EmulatorOptions.DefaultClientSecret, "staff.read"));

        using var schema = await emu.Http.GetAsync("api/v1/schema");
        Assert.Equal(403, (int)schema.StatusCode); // reference.read was not asked for
        using var write = await emu.SendAsync(HttpMethod.Post, "api/v1/staff/stf_x/deactivate");
        Assert.Equal(403, (int)write.StatusCode);
    }

    [Fact]
    public async Task A_write_token_without_staff_read_cannot_list_staff()
    {
        await using var emu = await TestEmulator.StartAsync(authenticate: false);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Token(emu, "demo-client", EmulatorOptions.DefaultClientSecret, "staff.write"));

        using var list = await emu.Http.GetAsync("api/v1/staff");
        Assert.Equal(403, (int)list.StatusCode);
    }

    [Fact]
    public async Task A_token_request_for_a_scope_the_client_lacks_is_invalid_scope()
    {
        await using var emu = await TestEmulator.StartAsync(WithReadClient(), authenticate: false);

        using var refused = await AskToken(emu, "reader", "reader-secret", "staff.read staff.write");
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Equal("invalid_scope", (await TestEmulator.Json(refused))["error"]!.GetValue<string>());

        using var unknown = await AskToken(emu, "demo-client", EmulatorOptions.DefaultClientSecret, "staff.everything");
        Assert.Equal("invalid_scope", (await TestEmulator.Json(unknown))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_scope_asked_means_every_scope_the_client_holds_and_the_response_says_which()
    {
        await using var emu = await TestEmulator.StartAsync(WithReadClient(), authenticate: false);

        using var reader = await AskToken(emu, "reader", "reader-secret", null);
        Assert.Equal("reference.read staff.read", (await TestEmulator.Json(reader))["scope"]!.GetValue<string>());
        using var main = await AskToken(emu, "demo-client", EmulatorOptions.DefaultClientSecret, null);
        Assert.Equal("reference.read staff.read staff.write", (await TestEmulator.Json(main))["scope"]!.GetValue<string>());
    }

    // Audit: a read-only token calling a method no route has got 403; §1 says an unlisted method is 404 like an unknown
    // route, whatever the token holds (scopes guard the routes of §10).
    [Theory]
    [InlineData("PUT", "api/v1/staff/stf_a00000000001")]
    [InlineData("POST", "api/v1/staff/stf_a00000000001/archive")]
    [InlineData("DELETE", "api/v1/staff")]
    public async Task An_unlisted_method_is_404_even_for_a_token_without_the_scope(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync(WithReadClient(), authenticate: false);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Token(emu, "reader", "reader-secret", null));
        using var response = await emu.SendAsync(new HttpMethod(method), path, method == "DELETE" ? null : "{}");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("https://errors.titanhst.example/not-found", (await TestEmulator.Json(response))["type"]!.GetValue<string>());
    }

    // Audit: emulator.md says every /api/v1 response past the bearer check carries the rate-limit headers; 403s had none.
    [Fact]
    public async Task A_403_carries_the_rate_limit_headers_and_counts_against_the_bucket()
    {
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions
        {
            ReadClientId = "reader",
            ReadClientSecret = "reader-secret",
            Settings = new EmulatorSettings { RateLimit = 0.05, RateBurst = 2 },
        }, authenticate: false);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Token(emu, "reader", "reader-secret", null));
        using var forbidden = await emu.CreateAsync(new { firstName = "A", lastName = "B" }, "k-1");
        Assert.Equal(403, (int)forbidden.StatusCode);
        Assert.Equal("1", string.Join(",", forbidden.Headers.GetValues("X-RateLimit-Remaining")));
        Assert.True(forbidden.Headers.Contains("RateLimit-Policy"));
    }
}
