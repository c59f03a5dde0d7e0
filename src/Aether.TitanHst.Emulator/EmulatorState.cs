using System;
using System.IO;
using System.Threading;

namespace Aether.TitanHst.Emulator;

/// <summary>Everything one running emulator holds; the endpoints and the pipeline share it.</summary>
internal sealed class EmulatorState
{
    private EmulatorSettings _settings;

    public EmulatorState(EmulatorOptions options, TimeProvider clock)
    {
        Options = options;
        Clock = clock;
        Store = new StaffStore(clock);
        Tokens = new TokenService(clock, options.ClientId, options.ClientSecret);
        if (options.ReadClientId is { } readId && options.ReadClientSecret is { } readSecret)
        {
            Tokens.AddClient(readId, readSecret, Scopes.ReadOnly);
        }

        Idempotency = new IdempotencyStore(clock);
        _settings = options.Settings;
        ApplySettings(options.Settings);
        SeedInstanceId = DeriveInstanceId(options.SeedFile);
    }

    public EmulatorOptions Options { get; }
    public TimeProvider Clock { get; }
    public StaffStore Store { get; }
    public TokenService Tokens { get; }
    public IdempotencyStore Idempotency { get; }
    public RateLimiter Limiter { get; } = new();
    public FaultInjector Faults { get; } = new();
    public RequestStats Stats { get; } = new();
    public EmulatorSettings Settings => Volatile.Read(ref _settings);

    /// <summary>The vendor instance this emulator plays (GET /api/v1/schema): the configured one, else one derived from the seed.</summary>
    public string InstanceId => Settings.InstanceId ?? SeedInstanceId;

    private string SeedInstanceId { get; }

    /// <summary>Validates and swaps in new run-time settings; restarts the rate bucket and the fault sequence.</summary>
    public void ApplySettings(EmulatorSettings settings)
    {
        settings.Validate();
        Limiter.Configure(settings.RateLimit, settings.RateBurst);
        Faults.Configure(settings.FaultRate, settings.FaultMix, settings.FaultSeed);
        Volatile.Write(ref _settings, settings);
    }

    /// <summary>Start-up: the state file if it exists (a previous run), else the seed file, else default reference data.</summary>
    public void LoadInitial()
    {
        if (Options.StateFile is { } state && File.Exists(state))
        {
            Store.Load(SeedFiles.Read(state));
        }
        else
        {
            Reset();
        }
    }

    // Stable for one seed file's content: restarting or resetting the emulator keeps its identity; another seed is another instance.
    private static string DeriveInstanceId(string? seedFile)
    {
        var bytes = seedFile is not null && File.Exists(seedFile) ? File.ReadAllBytes(seedFile) : System.Text.Encoding.UTF8.GetBytes("default-seed");
        return "emu-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).Substring(0, 12).ToLowerInvariant();
    }

    /// <summary>POST /_emulator/reset: back to the seed; forgets idempotency keys and statistics.</summary>
    public void Reset()
    {
        Store.Load(Options.SeedFile is { } seed ? SeedFiles.Read(seed) : SeedFiles.Default());
        Idempotency.Clear();
        Stats.Reset();
    }
}
