using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 that answers each request with whatever the test's responder returns:
/// echoed headers, a body streamed lazily (hundreds of megabytes without holding them), a lying Content-Length,
/// optionally over TLS with a given certificate. One connection per request (Connection: close), so a test
/// controls every byte the client sees. Counts the body bytes it managed to send, to prove the client stopped reading.
/// </summary>
internal sealed class CannedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<CannedRequest, CannedResponse> _responder;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _bodyBytesSent;

    public CannedHttpServer(Func<CannedRequest, CannedResponse> responder, X509Certificate2? certificate = null)
    {
        _responder = responder;
        _certificate = certificate;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUri { get; }

    public List<CannedRequest> Requests { get; } = new();

    public long BodyBytesSent => Interlocked.Read(ref _bodyBytesSent);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(_certificate);
                    stream = tls;
                }

                var request = await ReadRequestAsync(stream);
                lock (Requests)
                {
                    Requests.Add(request);
                }

                var response = _responder(request);
                var head = new StringBuilder($"HTTP/1.1 {response.Status} X\r\nConnection: close\r\n");
                foreach (var header in response.Headers)
                {
                    head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
                }

                var body = response.Body ?? Array.Empty<byte>();
                if (response.DeclaredLength is { } declared)
                {
                    head.Append("Content-Length: ").Append(declared).Append("\r\n");
                }
                else if (response.Stream is null)
                {
                    head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
                }

                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
                if (response.Stream is { } lazy)
                {
                    // No Content-Length: the body ends when the connection closes; written until the client hangs up.
                    foreach (var chunk in lazy())
                    {
                        await stream.WriteAsync(chunk, _stop.Token);
                        Interlocked.Add(ref _bodyBytesSent, chunk.Length);
                    }
                }
                else
                {
                    await stream.WriteAsync(body, _stop.Token);
                    Interlocked.Add(ref _bodyBytesSent, body.Length);
                }

                await stream.FlushAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                // The client hung up (as it should on an oversized body) or refused our certificate.
            }
        }
    }

    private static async Task<CannedRequest> ReadRequestAsync(Stream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("connection closed mid-request");
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines[1..])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = Array.Empty<byte>();
        if (headers.TryGetValue("Content-Length", out var length) && int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var n)
        {
            body = new byte[n];
            var read = 0;
            while (read < n)
            {
                read += await stream.ReadAsync(body.AsMemory(read));
            }
        }

        return new CannedRequest(first[0], first[1], headers, Encoding.UTF8.GetString(body));
    }
}

internal sealed record CannedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Path => Target.Split('?')[0];

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}

internal sealed class CannedResponse
{
    public int Status { get; init; } = 200;

    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[]? Body { get; init; }

    /// <summary>A body produced lazily chunk by chunk, sent without Content-Length.</summary>
    public Func<IEnumerable<byte[]>>? Stream { get; init; }

    /// <summary>A Content-Length to claim whatever the body (a lie, to test the client refuses before reading).</summary>
    public long? DeclaredLength { get; init; }

    public static CannedResponse Json(int status, string json, params (string Name, string Value)[] headers)
    {
        var response = new CannedResponse { Status = status, Body = Encoding.UTF8.GetBytes(json) };
        response.Headers["Content-Type"] = status >= 400 ? "application/problem+json" : "application/json";
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        return response;
    }

    /// <summary>The token endpoint's usual answer.</summary>
    public static CannedResponse Token(string token = "tok-0123456789abcdefXYZ") =>
        Json(200, $"{{\"access_token\":\"{token}\",\"token_type\":\"Bearer\",\"expires_in\":3600}}");
}
