using System;

namespace Aether.TitanHst.Emulator.Tests;

/// <summary>
/// A clock that moves only when a test moves it: what the emulator does with time (a token's expiry) is asserted
/// without waiting on the machine's clock, so a slow or busy machine cannot make a test pass or fail.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
