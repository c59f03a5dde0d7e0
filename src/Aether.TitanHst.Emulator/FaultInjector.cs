using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// Picks a fault for each eligible request. One seeded generator drawn in request order, so the same seed and
/// the same sequence of requests give the same faults.
/// </summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private Random _random = new();
    private double _rate;
    private IReadOnlyList<(string Kind, double Weight)> _mix = Array.Empty<(string, double)>();

    public void Configure(double rate, string mix, int? seed)
    {
        lock (_gate)
        {
            _rate = rate;
            _mix = EmulatorSettings.ParseMix(mix);
            _random = seed is int s ? new Random(s) : new Random();
        }
    }

    /// <summary>Null for no fault, else one of "429", "500", "502", "503", "slow", "drop".</summary>
    public string? Next()
    {
        lock (_gate)
        {
            if (_rate <= 0 || _random.NextDouble() >= _rate)
            {
                return null;
            }

            var pick = _random.NextDouble();
            foreach (var (kind, weight) in _mix)
            {
                pick -= weight;
                if (pick < 0)
                {
                    return kind;
                }
            }

            return _mix[^1].Kind;
        }
    }
}
