using System.Collections.Generic;
using Aether.TitanHst.Emulator.Model;

namespace Aether.TitanHst.Emulator;

internal enum WriteStatus
{
    Ok,
    NotFound,
    Stale,
    Conflict,
}

/// <summary>What a store write did: the record after it, or why it did nothing.</summary>
internal readonly record struct WriteResult(WriteStatus Status, StaffRecord? Record, int CurrentVersion = 0, string? ConflictingId = null)
{
    public static WriteResult NotFound => new(WriteStatus.NotFound, null);
}

/// <summary>One page of a list: the items and the id to continue after (null at the end).</summary>
internal sealed record StaffPage(IReadOnlyList<StaffRecord> Items, string? NextAfterId);
