using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Aether.TitanHst.Audit;
using Aether.TitanHst.Client;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Emulator;
using Aether.TitanHst.Sample;
using Aether.TitanHst.Sync;

namespace Aether.TitanHst.Tests.Sync
{
    /// <summary>
    /// Least privilege in the scheduled sync: the diff and the validation read with the read-only credential's token,
    /// the write credential's token is asked for only to apply, and no token serves both.
    /// </summary>
    public sealed class ScopedSyncTests : IAsyncLifetime
    {
        private const string ReaderId = "reader";
        private const string ReaderSecret = "reader-secret";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "titanhst-tests", "scoped-sync-" + Guid.NewGuid().ToString("N"));
        private EmulatorHost _host = null!;
        private ConnectorConfig _config = null!;
        private MappingContract _contract = null!;

        public async Task InitializeAsync()
        {
            var district = SampleDistrictGenerator.Generate(Path.Combine(_root, "district"), new SampleDistrictOptions { StaffCount = 60, Seed = 5 });
            Sample.PlantedConflicts.ResolvePrimaryConflict(district.Path);
            var contractText = File.ReadAllText(district.ContractPath!).Replace("\"roleChange\": { \"maxCount\": 0 }", "\"roleChange\": { \"maxCount\": 1000 }");
            File.WriteAllText(district.ContractPath!, contractText);
            _host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                SeedFile = Path.Combine(district.Path, "titanhst-seed.json"),
                ReadClientId = ReaderId,
                ReadClientSecret = ReaderSecret,
            });
            var configPath = Path.Combine(district.Path, "titanhst.config.jsonc");
            File.WriteAllText(configPath, $$"""
                { "configFormat": 1, "version": "1.0.0", "contract": "./contract.jsonc",
                  "titanHst": { "baseUri": "{{_host.BaseUri}}", "clientId": "{{ReaderId}}", "writeClientId": "{{EmulatorOptions.DefaultClientId}}" },
                  "apply": { "allowRoleChange": true }, "runs": { "folder": "./runs" }, "reports": { "folder": "./reports" } }
                """);
            _config = ConnectorConfigLoader.Load(configPath);
            _contract = ContractLoader.Load(_config.ContractPath);
        }

        public async Task DisposeAsync()
        {
            await _host.DisposeAsync();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        [Fact]
        public void The_diff_uses_the_read_token_and_only_the_apply_uses_the_write_token()
        {
            var log = new Recorder();
            using var read = Client(_config.ClientId!, ReaderSecret, TitanHstScopes.Read, log, "read");
            TitanHstClient? write = null;
            var diffDoneAt = -1;
            using var audit = new AuditLogWriter(new AuditLogOptions(Path.Combine(_root, "audit")) { KeyFolder = Path.Combine(_root, "keys"), Anchor = AuditAnchorSettings.None });
            var runner = new SyncRunner(_config, _contract, read, audit)
            {
                OpenWriteClient = () =>
                {
                    diffDoneAt = log.Count;
                    return write = Client(_config.WriteClientId!, EmulatorOptions.DefaultClientSecret, TitanHstScopes.Write, log, "write");
                },
            };

            var result = runner.Run(planOnly: false, "test");
            write?.Dispose();

            Assert.True(result.Apply?.Succeeded > 0, string.Join(" | ", result.Messages));
            // The contract was never published: the unattended run says so in its log, not only Test-MappingContract.
            Assert.Contains(result.Messages, m => m.StartsWith("Contract check warning:", StringComparison.Ordinal) && m.Contains("Publish-MappingContract", StringComparison.Ordinal));
            var readCalls = log.Of("read");
            var writeCalls = log.Of("write");
            Assert.All(readCalls.Where(c => c.Path.StartsWith("/api/", StringComparison.Ordinal)), c => Assert.Equal("GET", c.Method));
            Assert.Contains(readCalls, c => c.Path.StartsWith("/api/v1/staff", StringComparison.Ordinal));
            Assert.Contains(writeCalls, c => c.Method != "GET");
            Assert.All(writeCalls, c => Assert.True(c.Index >= diffDoneAt, "the write client was used before the diff finished"));
            Assert.Equal("staff.read reference.read", Assert.Single(readCalls, c => c.Path == "/oauth/token").Scope);
            Assert.Contains("staff.write", Assert.Single(writeCalls, c => c.Path == "/oauth/token").Scope);
            var readTokens = readCalls.Select(c => c.Bearer).Where(b => b is not null).ToHashSet();
            var writeTokens = writeCalls.Select(c => c.Bearer).Where(b => b is not null).ToHashSet();
            Assert.NotEmpty(readTokens);
            Assert.NotEmpty(writeTokens);
            Assert.Empty(readTokens.Intersect(writeTokens));
        }

        [Fact]
        public void A_read_only_connector_diffs_saves_the_plan_and_applies_nothing()
        {
            var log = new Recorder();
            using var read = Client(_config.ClientId!, ReaderSecret, TitanHstScopes.Read, log, "read");
            using var audit = new AuditLogWriter(new AuditLogOptions(Path.Combine(_root, "audit")) { KeyFolder = Path.Combine(_root, "keys"), Anchor = AuditAnchorSettings.None });
            var runner = new SyncRunner(_config, _contract, read, audit) { OpenWriteClient = () => null };

            var result = runner.Run(planOnly: false, "test");

            Assert.Equal(SyncStatus.NeedsReview, result.GetStatus());
            Assert.Contains("read-only credential", result.Messages[^1]);
            Assert.NotNull(result.PlanPath);
            Assert.Null(result.Apply);
            Assert.All(log.Of("read").Where(c => c.Path.StartsWith("/api/", StringComparison.Ordinal)), c => Assert.Equal("GET", c.Method));
        }

        [Fact]
        public async Task The_read_credential_cannot_get_a_write_token()
        {
            using var read = Client(_config.ClientId!, ReaderSecret, TitanHstScopes.Write, new Recorder(), "read");

            var e = await Assert.ThrowsAsync<TitanHstApiException>(() => read.AuthenticateAsync());

            Assert.Equal(TitanHstErrorKind.InsufficientScope, e.Kind);
            Assert.Contains("will not grant client 'reader' the scope", e.Message);
        }

        private TitanHstClient Client(string id, string secret, string scope, Recorder log, string who) => new(new TitanHstClientOptions
        {
            BaseUri = _host.BaseUri,
            ClientId = id,
            ClientSecretProvider = () => secret,
            Scope = scope,
            RequestsPerSecond = 0,
            HttpMessageHandler = new RecordingAuth(log, who),
        });

        internal sealed record Call(int Index, string Who, string Method, string Path, string? Bearer, string? Scope);

        internal sealed class Recorder
        {
            private int _count;

            public ConcurrentQueue<Call> Calls { get; } = new();

            public int Count => Volatile.Read(ref _count);

            public void Add(string who, string method, string path, string? bearer, string? scope) =>
                Calls.Enqueue(new Call(Interlocked.Increment(ref _count), who, method, path, bearer, scope));

            public Call[] Of(string who) => Calls.Where(c => c.Who == who).ToArray();
        }

        // Records which token (by value, never printed) and which scope request each call carried.
        private sealed class RecordingAuth : DelegatingHandler
        {
            private readonly Recorder _log;
            private readonly string _who;

            public RecordingAuth(Recorder log, string who)
                : base(new SocketsHttpHandler())
            {
                _log = log;
                _who = who;
            }

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                string? scope = null;
                if (request.Content is FormUrlEncodedContent form)
                {
                    var text = await form.ReadAsStringAsync(cancellationToken);
                    scope = text.Split('&').Where(p => p.StartsWith("scope=", StringComparison.Ordinal)).Select(p => Uri.UnescapeDataString(p.Substring(6).Replace('+', ' '))).FirstOrDefault();
                }

                var bearer = request.Headers.Authorization?.Scheme == "Bearer" ? request.Headers.Authorization.Parameter : null;
                _log.Add(_who, request.Method.Method, request.RequestUri!.AbsolutePath, bearer, scope);
                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
