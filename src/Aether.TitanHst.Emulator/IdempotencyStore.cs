using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Aether.TitanHst.Emulator;

internal enum IdempotencyDecision
{
    Proceed,
    Replay,
    Reused,
    InUse,
}

/// <summary>
/// Remembers successful creates by (client, Idempotency-Key) for the retention period (docs §6): the body
/// sent and the response bytes returned, so a retry gets the original response and creates nothing.
/// </summary>
internal sealed class IdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly Dictionary<(string Client, string Key), Entry> _entries = new();
    private readonly HashSet<(string Client, string Key)> _inFlight = new();

    public IdempotencyStore(TimeProvider clock) => _clock = clock;

    /// <summary>Decides what a create with this key and body does; on Proceed the key is held until Complete/Abandon.</summary>
    public IdempotencyDecision Begin(string client, string key, JsonNode body, out BytesResult? replay)
    {
        replay = null;
        lock (_gate)
        {
            var id = (client, key);
            if (_entries.TryGetValue(id, out var entry) && _clock.GetUtcNow() - entry.At > Retention)
            {
                _entries.Remove(id);
                entry = null;
            }

            if (entry is not null)
            {
                if (!JsonNode.DeepEquals(entry.Body, body))
                {
                    return IdempotencyDecision.Reused;
                }

                replay = entry.Response;
                return IdempotencyDecision.Replay;
            }

            return _inFlight.Add(id) ? IdempotencyDecision.Proceed : IdempotencyDecision.InUse;
        }
    }

    public void Complete(string client, string key, JsonNode body, BytesResult response)
    {
        lock (_gate)
        {
            _inFlight.Remove((client, key));
            _entries[(client, key)] = new Entry(body, response, _clock.GetUtcNow());
        }
    }

    public void Abandon(string client, string key)
    {
        lock (_gate)
        {
            _inFlight.Remove((client, key));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(JsonNode Body, BytesResult Response, DateTimeOffset At);
}
