using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Aether.TitanHst.Client;
using Aether.TitanHst.Emulator;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// A real emulator on loopback, seeded with generated staff, plus helpers that use only its documented control
/// endpoints (docs/emulator.md). One per test: tests change its settings.
/// </summary>
internal sealed class TestTitanHst : IAsyncDisposable
{
    private readonly string? _seedFile;

    private TestTitanHst(EmulatorHost host, string? seedFile)
    {
        Host = host;
        _seedFile = seedFile;
        Control = new HttpClient { BaseAddress = host.BaseUri };
    }

    public EmulatorHost Host { get; }

    public Uri BaseUri => Host.BaseUri;

    /// <summary>Talks to /_emulator/* only; never used for the API under test.</summary>
    public HttpClient Control { get; }

    public static async Task<TestTitanHst> StartAsync(int staffCount = 0, Func<int, bool>? active = null, EmulatorSettings? settings = null)
    {
        var seed = staffCount > 0 ? SeedFile(staffCount, active) : null;
        var host = await EmulatorHost.StartAsync(new EmulatorOptions { SeedFile = seed, Settings = settings ?? new EmulatorSettings() });
        return new TestTitanHst(host, seed);
    }

    /// <summary>An emulator seeded with exactly <paramref name="seed"/> (roles, sites, staff as docs/emulator.md describes).</summary>
    public static async Task<TestTitanHst> StartAsync(JsonObject seed)
    {
        var path = Path.Combine(Path.GetTempPath(), "titanhst-client-seed-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, seed.ToJsonString());
        var host = await EmulatorHost.StartAsync(new EmulatorOptions { SeedFile = path, Settings = new EmulatorSettings() });
        return new TestTitanHst(host, path);
    }

    public TitanHstClientOptions Options(HttpMessageHandler? handler = null) => new()
    {
        BaseUri = BaseUri,
        ClientId = EmulatorOptions.DefaultClientId,
        ClientSecretProvider = () => EmulatorOptions.DefaultClientSecret,
        RequestsPerSecond = 0,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        HttpMessageHandler = handler,
    };

    public TitanHstClient Client(Action<TitanHstClientOptions>? configure = null, HttpMessageHandler? handler = null)
    {
        var options = Options(handler);
        configure?.Invoke(options);
        return new TitanHstClient(options);
    }

    /// <summary>PUT /_emulator/config with the given members, e.g. new { faultRate = 1.0, faultMix = "500=1" }.</summary>
    public async Task ConfigureAsync(object settings)
    {
        using var content = new StringContent(JsonSerializer.Serialize(settings), Encoding.UTF8, "application/json");
        using var response = await Control.PutAsync("_emulator/config", content);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonObject> StatsAsync()
    {
        using var response = await Control.GetAsync("_emulator/stats");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Simulates an admin edit in TitanHST: the record's version moves on, so an ETag read before is stale.</summary>
    public async Task TouchAsync(string id)
    {
        using var response = await Control.PostAsync($"_emulator/staff/{id}/touch", null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await Host.DisposeAsync();
        if (_seedFile is not null)
        {
            File.Delete(_seedFile);
        }
    }

    private static string SeedFile(int staffCount, Func<int, bool>? active)
    {
        var staff = new JsonArray();
        for (var i = 0; i < staffCount; i++)
        {
            staff.Add(new JsonObject
            {
                ["externalId"] = $"E{i:D7}",
                ["active"] = active?.Invoke(i) ?? true,
                ["firstName"] = "First" + i,
                ["lastName"] = "Lást" + i,
                ["email"] = $"p{i}@district.example",
                ["roleCode"] = "TCH",
                ["siteCode"] = "HS1",
            });
        }

        var seed = new JsonObject
        {
            // A second site and role for assignments (decision 0011); records point at the first ones only.
            ["roles"] = new JsonArray(new JsonObject { ["code"] = "TCH", ["name"] = "Teacher", ["active"] = true }, new JsonObject { ["code"] = "CCH", ["name"] = "Coach", ["active"] = true }),
            ["sites"] = new JsonArray(new JsonObject { ["code"] = "HS1", ["name"] = "High School", ["active"] = true }, new JsonObject { ["code"] = "MS1", ["name"] = "Middle School", ["active"] = true }),
            ["staff"] = staff,
        };
        var path = Path.Combine(Path.GetTempPath(), "titanhst-client-seed-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, seed.ToJsonString());
        return path;
    }
}
