using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Aether.TitanHst.Tests.Conformance;

/// <summary>
/// A deliberately non-conforming TitanHST: an HttpListener on loopback that forwards to a real emulator and plants
/// six deviations from docs/titanhst-api.md on the way back. It logs every request it receives, so a test can show
/// what the conformance suite sent.
/// </summary>
internal sealed class NonConformingServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream;
    private readonly Task _loop;

    public NonConformingServer(Uri upstream)
    {
        _upstream = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = upstream };
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>"METHOD /path?query" of every request received.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var pathAndQuery = request.Url!.PathAndQuery;
        Received.Enqueue(request.HttpMethod + " " + pathAndQuery);
        var path = request.Url.AbsolutePath;

        // Deviation 6: an unknown route is answered by a web server's HTML page, not a problem.
        if (path == "/api/v1/no-such-route")
        {
            await Write(context, 404, "text/html", Encoding.UTF8.GetBytes("<html><body>Not Found</body></html>"), requestId: "x1");
            return;
        }

        // Deviation 3: updatedSince without an offset is "helpfully" read as UTC.
        if (path == "/api/v1/staff" && request.QueryString["updatedSince"] is { } since && !since.EndsWith('Z') && !since.Contains('+'))
        {
            pathAndQuery = pathAndQuery.Replace("updatedSince=" + Uri.EscapeDataString(since), "updatedSince=" + Uri.EscapeDataString(since.Length == 10 ? since + "T00:00:00Z" : since + "Z"), StringComparison.Ordinal);
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), pathAndQuery.TrimStart('/'));
        foreach (var name in request.Headers.AllKeys)
        {
            if (name is not null && name is not ("Host" or "Content-Length" or "Content-Type" or "Connection"))
            {
                forward.Headers.TryAddWithoutValidation(name, request.Headers[name]);
            }
        }

        if (request.HasEntityBody)
        {
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            forward.Content = new ByteArrayContent(body.ToArray());
            if (request.ContentType is not null)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        using var answer = await _upstream.SendAsync(forward);
        var status = (int)answer.StatusCode;
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        var requestId = answer.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.First() : null;

        // Deviation 1: a wrong secret is 400, not 401 invalid_client.
        if (path == "/oauth/token" && status == 401)
        {
            status = 400;
        }

        // Deviation 2: /schema does not say which environment it is.
        if (path == "/api/v1/schema" && status == 200)
        {
            var schema = JsonNode.Parse(bytes)!.AsObject();
            schema.Remove("environment");
            bytes = Encoding.UTF8.GetBytes(schema.ToJsonString());
        }

        // Deviation 4: /roles answers without X-Request-Id.
        if (path == "/api/v1/roles")
        {
            requestId = null;
        }

        // Deviation 5: list items come without their etag member.
        if (path == "/api/v1/staff" && status == 200)
        {
            var page = JsonNode.Parse(bytes)!.AsObject();
            foreach (var item in page["items"]!.AsArray())
            {
                item!.AsObject().Remove("etag");
            }

            bytes = Encoding.UTF8.GetBytes(page.ToJsonString());
        }

        var outgoing = context.Response;
        foreach (var header in answer.Headers)
        {
            // HttpClient spells known headers its own way ("X-Request-ID"): compare without case.
            if (!new[] { "X-Request-Id", "Transfer-Encoding", "Connection", "Date", "Server" }.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            {
                outgoing.AddHeader(header.Key, string.Join(", ", header.Value));
            }
        }

        await Write(context, status, answer.Content.Headers.ContentType?.ToString(), bytes, requestId);
    }

    private static async Task Write(HttpListenerContext context, int status, string? contentType, byte[] body, string? requestId)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (requestId is not null)
        {
            response.AddHeader("X-Request-Id", requestId);
        }

        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _upstream.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
