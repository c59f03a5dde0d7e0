using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// The settings that can change while the emulator runs (GET/PUT /_emulator/config). Immutable: a change
/// swaps the whole object, so a request sees one consistent set.
/// </summary>
internal sealed record EmulatorSettings
{
    public const string DefaultFaultMix = "429=0.3,500=0.2,502=0.1,503=0.2,slow=0.1,drop=0.1";
    public static readonly IReadOnlyList<string> FaultKinds = new[] { "429", "500", "502", "503", "slow", "drop" };

    public int TokenLifetimeSeconds { get; init; } = 3600;
    /// <summary>Requests per second per client; 0 means unlimited.</summary>
    public double RateLimit { get; init; }
    /// <summary>Bucket size; 0 means one second's worth (at least 1).</summary>
    public double RateBurst { get; init; }
    /// <summary>Share (0..1) of API requests that get a fault from <see cref="FaultMix"/>.</summary>
    public double FaultRate { get; init; }
    public string FaultMix { get; init; } = DefaultFaultMix;
    public int? FaultSeed { get; init; }
    public int SlowMs { get; init; } = 2000;
    public bool FaultToken { get; init; }
    public string SchemaVersion { get; init; } = "2026-02";
    /// <summary>The instanceId reported by GET /api/v1/schema; null derives a stable one from the seed (docs/emulator.md).</summary>
    public string? InstanceId { get; init; }
    /// <summary>
    /// Records one page of a filtered listing scans at most (docs §4.1: pages may be short); 0: 20 × limit, at least 1000.
    /// A vendor that indexes updatedAt behaves like a large window; a vendor that filters while scanning, like a small one.
    /// </summary>
    public int ListScanWindow { get; init; }

    /// <summary>Parses "429=0.3,500=0.3,slow=0.1" into normalized weights; throws <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<(string Kind, double Weight)> ParseMix(string mix)
    {
        var parts = new List<(string, double)>();
        foreach (var item in mix.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !FaultKinds.Contains(pair[0], StringComparer.OrdinalIgnoreCase)
                || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0)
            {
                throw new FormatException($"Fault mix item '{item}' is not kind=weight with kind one of {string.Join(", ", FaultKinds)}.");
            }

            parts.Add((pair[0].ToLowerInvariant(), weight));
        }

        var total = parts.Sum(p => p.Item2);
        if (total <= 0)
        {
            throw new FormatException("Fault mix has no positive weight.");
        }

        return parts.Select(p => (p.Item1, p.Item2 / total)).ToList();
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (TokenLifetimeSeconds < 1) throw new ArgumentException("tokenLifetimeSeconds must be >= 1.");
        if (RateLimit < 0 || RateBurst < 0) throw new ArgumentException("rateLimit and rateBurst must be >= 0.");
        if (FaultRate is < 0 or > 1) throw new ArgumentException("faultRate must be between 0 and 1.");
        if (ListScanWindow < 0) throw new ArgumentException("listScanWindow must be >= 0.");
        if (SlowMs < 0) throw new ArgumentException("slowMs must be >= 0.");
        if (string.IsNullOrWhiteSpace(SchemaVersion)) throw new ArgumentException("schemaVersion must not be empty.");
        if (InstanceId is not null && (InstanceId.Length is 0 or > 64 || !InstanceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException("instanceId must be 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        try
        {
            ParseMix(FaultMix);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }
}
