using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.Tests.Client;

/// <summary>Connection errors fail fast and say where the client tried and why it could not get there.</summary>
public sealed class ConnectionErrorTests
{
    [Fact]
    public async Task A_RefusedConnection_FailsInAboutASecond_NamingTheUrl_WithoutTheRetryLadder()
    {
        var port = FreePort();
        using var client = CannedClient.For(new Uri($"http://127.0.0.1:{port}/"), o =>
        {
            o.MaxRetries = 5;
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            o.MaxRetryDelay = TimeSpan.FromSeconds(30);
        });
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.AuthenticateAsync());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}; a refused connection must not go through the retry ladder");
        Assert.Equal(TitanHstErrorKind.ConnectionFailed, e.Kind);
        Assert.Equal($"http://127.0.0.1:{port}/oauth/token", e.RequestUri);
        Assert.Contains($"could not connect to http://127.0.0.1:{port}/oauth/token", e.Message, StringComparison.Ordinal);
        Assert.Contains("refused", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, e.Attempts);
    }

    [Fact]
    public async Task An_AddressThatNeverAnswers_FailsAfterTheConnectTimeout_Once()
    {
        // A listener that never accepts, its backlog filled: further connection attempts get no answer at all,
        // as behind a firewall that drops packets.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(1);
        var port = ((IPEndPoint)silent.LocalEndPoint!).Port;
        var fillers = new System.Collections.Generic.List<Socket>();
        var connecting = new System.Collections.Generic.List<Task>();
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            connecting.Add(filler.ConnectAsync(IPAddress.Loopback, port));
            fillers.Add(filler);
        }

        await Task.Delay(200);
        try
        {
            using var client = CannedClient.For(new Uri($"http://127.0.0.1:{port}/"), o =>
            {
                o.ConnectTimeout = TimeSpan.FromSeconds(1);
                o.MaxRetries = 5;
            });
            var watch = Stopwatch.StartNew();

            var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.AuthenticateAsync());

            Assert.Equal(TitanHstErrorKind.ConnectionFailed, e.Kind);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
            Assert.Contains($"could not connect to http://127.0.0.1:{port}/oauth/token", e.Message, StringComparison.Ordinal);
            Assert.Contains("ConnectTimeout", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
            // The fillers' connects fail once their sockets are gone; observed here, so none is left to the finalizer
            // as an unobserved task exception (another test in this assembly counts those).
            foreach (var connect in connecting)
            {
                try
                {
                    await connect;
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
                {
                }
            }
        }
    }

    [Fact]
    public async Task A_WrongBaseUri_NamesTheTokenUrl_ThatAnswered404()
    {
        await using var server = new CannedHttpServer(_ => CannedResponse.Json(404, "{\"type\":\"https://errors.titanhst.example/not-found\"}"));
        using var client = CannedClient.For(new Uri(server.BaseUri, "wrong/"));

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.AuthenticateAsync());

        Assert.Equal(TitanHstErrorKind.NotFound, e.Kind);
        Assert.Equal(new Uri(server.BaseUri, "wrong/oauth/token").ToString(), e.RequestUri);
        Assert.Contains("no such route at " + e.RequestUri, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_WrongPath_NamesTheUrl_ThatAnswered404()
    {
        await using var server = new CannedHttpServer(r => r.Path.EndsWith("/oauth/token", StringComparison.Ordinal)
            ? CannedResponse.Token()
            : CannedResponse.Json(404, "{\"type\":\"https://errors.titanhst.example/not-found\",\"title\":\"Not found.\"}"));
        using var client = CannedClient.For(new Uri(server.BaseUri, "wrong/prefix/"));

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync());

        Assert.Equal(TitanHstErrorKind.NotFound, e.Kind);
        Assert.Equal(new Uri(server.BaseUri, "wrong/prefix/api/v1/schema").ToString(), e.RequestUri);
        Assert.Contains("no such route at " + e.RequestUri, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_MissingRecord_IsStillJustNotFound_WithoutAUrl()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token()
            : CannedResponse.Json(404, "{\"type\":\"https://errors.titanhst.example/not-found\"}"));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffAsync("stf_000000000009"));

        Assert.Equal(TitanHstErrorKind.NotFound, e.Kind);
        Assert.Null(e.RequestUri);
    }

    [Fact]
    public async Task A_CertificateTheMachineDoesNotTrust_ShowsTheInnerReason()
    {
        using var certificate = SelfSigned();
        await using var server = new CannedHttpServer(_ => CannedResponse.Token(), certificate);
        using var client = CannedClient.For(server.BaseUri);
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.AuthenticateAsync());

        Assert.Equal(TitanHstErrorKind.ConnectionFailed, e.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        // .NET's own words for the inner reason (the certificate chain), not just "see inner exception".
        Assert.Contains("certificate", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("see inner exception", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Re-imported so SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
