using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using Aether.TitanHst.Emulator;

namespace Aether.TitanHst.Tests.BadInput.Handlers
{
    /// <summary>
    /// Kind "emulator": a raw HTTP request file (bytes exactly as sent, so broken UTF-8 and non-ASCII header bytes
    /// survive) goes to a private emulator holding one record; expect.outcome is "&lt;status&gt; &lt;problem slug&gt;".
    /// The answer must be a problem with X-Request-Id, and the record must be unchanged. In the file, {{token}} is a
    /// bearer token and {{id}} the record's id; the handler adds Host, Connection: close and Content-Length.
    /// </summary>
    public sealed class EmulatorHandler : IBadInputHandler
    {
        public string Kind => "emulator";

        public void Run(BadInputCase badCase)
        {
            var host = EmulatorHost.StartAsync(new EmulatorOptions()).GetAwaiter().GetResult();
            try
            {
                using var http = new HttpClient { BaseAddress = host.BaseUri };
                var token = Token(http);
                http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + token);
                using var created = http.Send(new HttpRequestMessage(HttpMethod.Post, "api/v1/staff")
                {
                    Content = new StringContent("{\"externalId\":\"CORPUS1\",\"firstName\":\"A\",\"lastName\":\"B\"}", Encoding.UTF8, "application/json"),
                    Headers = { { "Idempotency-Key", "corpus-setup" } },
                });
                var id = JsonNode.Parse(created.Content.ReadAsStream())!["id"]!.GetValue<string>();

                var raw = File.ReadAllBytes(badCase.PathOf(badCase.Member("request") ?? "request.http"));
                var (status, headers, body) = Send(host.BaseUri, Prepare(raw, token, id));

                var expected = badCase.ExpectedOutcome!.Split(' ');
                Assert.Equal(int.Parse(expected[0], System.Globalization.CultureInfo.InvariantCulture), status);
                Assert.True(headers.ContainsKey("X-Request-Id"), $"{badCase.Name}: no X-Request-Id");
                Assert.StartsWith("application/problem+json", headers.GetValueOrDefault("Content-Type") ?? string.Empty, StringComparison.Ordinal);
                Assert.Equal("https://errors.titanhst.example/" + expected[1], JsonNode.Parse(body)!["type"]!.GetValue<string>());

                Assert.Equal(1, host.State.Store.Count);
                Assert.Equal(1, host.State.Store.Get(id)!.Version);
            }
            finally
            {
                host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        private static string Token(HttpClient http)
        {
            using var response = http.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = EmulatorOptions.DefaultClientId,
                ["client_secret"] = EmulatorOptions.DefaultClientSecret,
            })).GetAwaiter().GetResult();
            return JsonNode.Parse(response.Content.ReadAsStream())!["access_token"]!.GetValue<string>();
        }

        /// <summary>Fills the placeholders and adds the framing headers; the body bytes stay exactly as in the file.</summary>
        private static byte[] Prepare(byte[] raw, string token, string id)
        {
            var split = IndexOf(raw, "\r\n\r\n"u8.ToArray());
            var head = Encoding.Latin1.GetString(raw, 0, split).Replace("{{token}}", token, StringComparison.Ordinal).Replace("{{id}}", id, StringComparison.Ordinal);
            var body = raw.AsSpan(split + 4).ToArray();
            head += $"\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {body.Length}\r\n\r\n";
            return Encoding.Latin1.GetBytes(head).Concat(body).ToArray();
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (var i = 0; i <= haystack.Length - needle.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                {
                    return i;
                }
            }

            throw new InvalidDataException("request.http has no blank line between head and body");
        }

        private static (int Status, Dictionary<string, string> Headers, string Body) Send(Uri origin, byte[] request)
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            client.ConnectAsync(origin.Host, origin.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
            var stream = client.GetStream();
            stream.Write(request);
            using var buffer = new MemoryStream();
            stream.CopyToAsync(buffer, timeout.Token).GetAwaiter().GetResult();
            var text = Encoding.UTF8.GetString(buffer.ToArray());
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var lines = text[..split].Split("\r\n");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            return (int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, text[(split + 4)..]);
        }
    }
}
