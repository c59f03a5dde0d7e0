using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

public sealed class TokenTests
{
    [Fact]
    public async Task Token_IsIssued_ForFormAndBasicCredentials_AndOpensTheApi()
    {
        await using var emu = await TestEmulator.StartAsync(authenticate: false);
        using var anonymous = await emu.Http.GetAsync("api/v1/schema");
        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Equal("Bearer realm=\"titanhst\"", anonymous.Headers.WwwAuthenticate.ToString());

        var basic = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret-change-me")));
        using var issued = await emu.Http.SendAsync(basic);
        var body = await TestEmulator.Json(issued);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());

        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["access_token"]!.GetValue<string>());
        using var ok = await emu.Http.GetAsync("api/v1/schema");
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.NotEmpty(await emu.TokenAsync());
    }

    [Fact]
    public async Task WrongSecret_IsInvalidClient()
    {
        await using var emu = await TestEmulator.StartAsync(authenticate: false);
        using var response = await emu.Http.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-client", ["client_secret"] = "wrong",
        }));
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("invalid_client", (await TestEmulator.Json(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpiredToken_Is401InvalidToken()
    {
        // The emulator's own clock, moved by the test: on the machine's, a start-up slower than the lifetime (a busy
        // CI machine) expired the token before the first call.
        var clock = new ManualClock();
        await using var emu = await TestEmulator.StartAsync(new EmulatorOptions { Settings = new EmulatorSettings { TokenLifetimeSeconds = 1 } }, clock: clock);
        using (var fresh = await emu.Http.GetAsync("api/v1/roles"))
        {
            Assert.Equal(200, (int)fresh.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(1.3));
        using var expired = await emu.Http.GetAsync("api/v1/roles");
        Assert.Equal(401, (int)expired.StatusCode);
        Assert.Contains("error=\"invalid_token\"", expired.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType!.MediaType);
    }

    // §1 and §2 disagreed on a non-form token request (415 or 400 invalid_request); §1 now names the token endpoint's exception.
    [Theory]
    [InlineData("application/json", "{\"grant_type\":\"client_credentials\"}")]
    [InlineData("text/plain", "grant_type=client_credentials")]
    public async Task A_non_form_token_request_is_400_invalid_request_not_415(string mediaType, string body)
    {
        await using var emu = await TestEmulator.StartAsync(authenticate: false);
        using var response = await emu.Http.PostAsync("oauth/token", new StringContent(body, Encoding.UTF8, mediaType));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request", (await TestEmulator.Json(response))["error"]!.GetValue<string>());
    }
}
