using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Aether.TitanHst.Emulator.Tests;

/// <summary>A real emulator on loopback plus a raw HttpClient holding a bearer token. One per test: tests change settings.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    private TestEmulator(EmulatorHost host, HttpClient http, OpenApiResponseValidation validation)
    {
        Host = host;
        Http = http;
        Validation = validation;
    }

    public EmulatorHost Host { get; }
    public HttpClient Http { get; }

    /// <summary>Every API response this emulator's client saw, checked against the OpenAPI file.</summary>
    public OpenApiResponseValidation Validation { get; }

    /// <param name="clock">The emulator's clock; the machine's when null (a <see cref="ManualClock"/> for tests of expiry).</param>
    public static async Task<TestEmulator> StartAsync(EmulatorOptions? options = null, bool authenticate = true, TimeProvider? clock = null)
    {
        _ = OpenApiContract.Instance; // load the OpenAPI file first, so its cost never eats into a short token lifetime
        var host = await EmulatorHost.StartAsync(options ?? new EmulatorOptions(), clock);
        var validation = new OpenApiResponseValidation();
        var http = new HttpClient(validation) { BaseAddress = host.BaseUri };
        var emulator = new TestEmulator(host, http, validation);
        if (authenticate)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await emulator.TokenAsync());
        }

        return emulator;
    }

    public async Task<string> TokenAsync(string secret = EmulatorOptions.DefaultClientSecret)
    {
        using var anonymous = new HttpClient(Validation, disposeHandler: false) { BaseAddress = Host.BaseUri };
        using var response = await anonymous.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = EmulatorOptions.DefaultClientId,
            ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        return (await Json(response))["access_token"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> CreateAsync(object body, string? key = null) =>
        SendAsync(HttpMethod.Post, "api/v1/staff", body, key is null ? null : ("Idempotency-Key", key));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, (string Name, string Value)? header = null,
        string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8, mediaType);
        }

        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Creates a valid record and returns it.</summary>
    public async Task<JsonObject> CreateValidAsync(string externalId)
    {
        using var response = await CreateAsync(new { externalId, firstName = "Ana", lastName = "Lee", roleCode = "TCH", siteCode = "HS1" },
            Guid.NewGuid().ToString());
        Assert.Equal(201, (int)response.StatusCode);
        return await Json(response);
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static string SeedFile(int staffCount, Func<int, bool>? active = null)
    {
        var staff = new JsonArray();
        for (var i = 0; i < staffCount; i++)
        {
            staff.Add(new JsonObject
            {
                ["externalId"] = $"E{i:D7}",
                ["active"] = active?.Invoke(i) ?? true,
                ["firstName"] = "First" + i,
                ["lastName"] = "Last" + i,
                ["roleCode"] = "TCH",
            });
        }

        var seed = new JsonObject
        {
            ["roles"] = new JsonArray(new JsonObject { ["code"] = "TCH", ["name"] = "Teacher", ["active"] = true },
                new JsonObject { ["code"] = "OLD", ["name"] = "Retired role", ["active"] = false }),
            ["sites"] = new JsonArray(new JsonObject { ["code"] = "HS1", ["name"] = "High School", ["active"] = true }),
            ["staff"] = staff,
        };
        var path = TestFiles.NewPath("titanhst-seed", ".json");
        File.WriteAllText(path, seed.ToJsonString());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Assert.True(Validation.Violations.Count == 0,
            "Responses that break docs/titanhst-api.openapi.yaml:\n" + string.Join("\n", Validation.Violations.Take(20)));
    }
}
