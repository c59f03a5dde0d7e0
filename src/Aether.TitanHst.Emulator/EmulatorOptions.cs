using System;
using System.Globalization;
using System.Net;

namespace Aether.TitanHst.Emulator;

/// <summary>Start-up options: the command line of docs/emulator.md.</summary>
internal sealed record EmulatorOptions
{
    public const string DefaultClientId = "demo-client";
    /// <summary>Demo only: the emulator holds no real data. Documented in docs/emulator.md.</summary>
    public const string DefaultClientSecret = "demo-secret-change-me";

    /// <summary>Environment variable read for the client secret when --client-secret is not given.</summary>
    public const string SecretVariable = "TITANHST_EMULATOR_CLIENT_SECRET";

    public int Port { get; init; }
    public string? SeedFile { get; init; }
    public string? StateFile { get; init; }
    public string ClientId { get; init; } = DefaultClientId;
    public string ClientSecret { get; init; } = DefaultClientSecret;

    /// <summary>Environment variable read for the read-only client's secret when --read-client-secret is not given.</summary>
    public const string ReadSecretVariable = "TITANHST_EMULATOR_READ_CLIENT_SECRET";

    /// <summary>A second client holding only staff.read and reference.read (least-privilege tests); null for none.</summary>
    public string? ReadClientId { get; init; }
    public string? ReadClientSecret { get; init; }
    public EmulatorSettings Settings { get; init; } = new();

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static EmulatorOptions Parse(string[] args)
    {
        // The launcher passes a per-instance secret in the environment, where a process listing does not show it.
        var options = new EmulatorOptions();
        if (Environment.GetEnvironmentVariable(SecretVariable) is { Length: > 0 } secret)
        {
            options = options with { ClientSecret = secret };
        }

        if (Environment.GetEnvironmentVariable(ReadSecretVariable) is { Length: > 0 } readSecret)
        {
            options = options with { ReadClientSecret = readSecret };
        }

        var s = options.Settings;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name.ToLowerInvariant())
            {
                case "--port": options = options with { Port = Int(name, Value(), 0, 65535) }; break;
                case "--bind":
                    var bind = Value();
                    if (!string.Equals(bind, "localhost", StringComparison.OrdinalIgnoreCase)
                        && !(IPAddress.TryParse(bind, out var ip) && ip.Equals(IPAddress.Loopback)))
                    {
                        throw new ArgumentException($"--bind {bind}: the emulator listens on 127.0.0.1 only.");
                    }

                    break;
                case "--seed-file": options = options with { SeedFile = Value() }; break;
                case "--state-file": options = options with { StateFile = Value() }; break;
                case "--client-id": options = options with { ClientId = NonEmpty(name, Value()) }; break;
                case "--client-secret": options = options with { ClientSecret = NonEmpty(name, Value()) }; break;
                case "--read-client-id": options = options with { ReadClientId = NonEmpty(name, Value()) }; break;
                case "--read-client-secret": options = options with { ReadClientSecret = NonEmpty(name, Value()) }; break;
                case "--token-lifetime": s = s with { TokenLifetimeSeconds = Int(name, Value(), 1, int.MaxValue) }; break;
                case "--rate-limit": s = s with { RateLimit = Number(name, Value()) }; break;
                case "--rate-burst": s = s with { RateBurst = Number(name, Value()) }; break;
                case "--fault-rate": s = s with { FaultRate = Number(name, Value()) }; break;
                case "--fault-mix": s = s with { FaultMix = Value() }; break;
                case "--fault-seed": s = s with { FaultSeed = Int(name, Value(), int.MinValue, int.MaxValue) }; break;
                case "--slow-ms": s = s with { SlowMs = Int(name, Value(), 0, int.MaxValue) }; break;
                case "--fault-token": s = s with { FaultToken = true }; break;
                case "--schema-version": s = s with { SchemaVersion = Value() }; break;
                case "--instance-id": s = s with { InstanceId = Value() }; break;
                case "--list-scan-window": s = s with { ListScanWindow = Int(name, Value(), 0, int.MaxValue) }; break;
                default: throw new ArgumentException($"Unknown option '{name}'. See docs/emulator.md.");
            }
        }

        s.Validate();
        if (options.ReadClientId is not null && options.ReadClientSecret is null)
        {
            throw new ArgumentException($"--read-client-id needs --read-client-secret (or {ReadSecretVariable}).");
        }

        return options with { Settings = s };
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n : throw new ArgumentException($"{name} {value}: expected an integer from {min} to {max}.");

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n : throw new ArgumentException($"{name} {value}: expected a non-negative number.");

    private static string NonEmpty(string name, string value) =>
        value.Length > 0 ? value : throw new ArgumentException($"{name} must not be empty.");
}
