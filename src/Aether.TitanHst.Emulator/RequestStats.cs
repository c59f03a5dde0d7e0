using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// Counts requests by route and status and keeps the last requests with their times, so a test can check
/// which calls a client made and measure the request rate it achieved.
/// </summary>
internal sealed class RequestStats
{
    public const int RecentCapacity = 5000;

    private readonly object _gate = new();
    private readonly Dictionary<(string Route, int Status), long> _counts = new();
    private readonly Dictionary<string, long> _faults = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, string Method, string Path, int Status)> _recent = new();
    private DateTimeOffset _since = DateTimeOffset.UtcNow;
    private long _total;
    private long _rateLimited;

    public void Record(DateTimeOffset at, string method, string route, string path, int status)
    {
        lock (_gate)
        {
            _total++;
            var key = (method + " " + route, status);
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            _recent.Enqueue((at, method, path, status));
            if (_recent.Count > RecentCapacity)
            {
                _recent.Dequeue();
            }
        }
    }

    public void RecordRateLimited()
    {
        lock (_gate)
        {
            _rateLimited++;
        }
    }

    public void RecordFault(string kind)
    {
        lock (_gate)
        {
            _faults[kind] = _faults.GetValueOrDefault(kind) + 1;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _counts.Clear();
            _faults.Clear();
            _recent.Clear();
            _total = 0;
            _rateLimited = 0;
            _since = DateTimeOffset.UtcNow;
        }
    }

    public void Write(Utf8JsonWriter w)
    {
        lock (_gate)
        {
            w.WriteStartObject();
            w.WriteString("since", _since);
            w.WriteNumber("totalRequests", _total);
            w.WriteNumber("rateLimited", _rateLimited);
            w.WriteStartObject("faults");
            foreach (var (kind, count) in _faults)
            {
                w.WriteNumber(kind, count);
            }

            w.WriteEndObject();
            w.WriteStartArray("routes");
            foreach (var ((route, status), count) in _counts)
            {
                w.WriteStartObject();
                w.WriteString("route", route);
                w.WriteNumber("status", status);
                w.WriteNumber("count", count);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("recent");
            foreach (var (at, method, path, status) in _recent)
            {
                w.WriteStartObject();
                w.WriteString("at", at);
                w.WriteString("method", method);
                w.WriteString("path", path);
                w.WriteNumber("status", status);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}
