using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Conformance
{
    /// <summary>
    /// Runs docs/titanhst-api.md as an executable check against a live TitanHST: the emulator in the tests, a vendor
    /// sandbox on onboarding day. It is a third, independent client of the document (it shares no code with the
    /// emulator, and not the connector's client either), so a rule both of those read the same wrong way still
    /// shows up here against the real thing.
    /// </summary>
    public sealed class ConformanceSuite
    {
        private readonly ConformanceTarget _target;
        private readonly ConformanceOptions _options;

        public ConformanceSuite(ConformanceTarget target, ConformanceOptions options)
        {
            _target = target ?? throw new ArgumentNullException(nameof(target));
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        /// <summary>Write requests the last run sent (0 unless write checks ran).</summary>
        public int WritesSent { get; private set; }

        /// <summary>
        /// What the target says it is (the <c>environment</c> member of GET /api/v1/schema): "sandbox", "production",
        /// or null when it does not say or cannot be asked. Only "sandbox" lets write checks run without -Force.
        /// </summary>
        public async Task<string?> ReadEnvironmentAsync(CancellationToken cancellationToken = default)
        {
            using var http = new ConformanceHttp(_target, _options);
            var token = await http.TokenAsync(cancellationToken).ConfigureAwait(false);
            if (token is null)
            {
                return null;
            }

            var schema = await http.SendAsync(new ConformanceRequest("GET", "/api/v1/schema"), cancellationToken).ConfigureAwait(false);
            return schema.Status == 200 && schema.Json?["environment"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var env) ? env : null;
        }

        /// <summary>
        /// Runs one group of rules; an answer so far from the document that a group cannot go on (a string where a
        /// number belongs, a missing member it needed) ends that group with a Fail row instead of ending the run.
        /// </summary>
        private static async Task GuardAsync(ConformanceContext context, string section, string group, Func<Task> rules)
        {
            try
            {
                await rules().ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or KeyNotFoundException
                or System.Text.Json.JsonException)
            {
                var last = context.Http.Exchanges.Count == 0 ? null : context.Http.Exchanges[context.Http.Exchanges.Count - 1];
                context.Recorder.Decide(section, group + " could run to the end", "Everything this group checks", ConformanceOutcome.Fail,
                    last?.Request ?? string.Empty, last?.Summary() ?? string.Empty,
                    "The group stopped: an answer did not have the documented shape (" + e.GetType().Name + "); the rules after it were not checked.");
            }
        }

        /// <summary>Runs the read-only rules, then (with IncludeWrites) the write rules, then the rules across all answers.</summary>
        public async Task<IReadOnlyList<ConformanceResult>> RunAsync(CancellationToken cancellationToken = default)
        {
            using var http = new ConformanceHttp(_target, _options);
            var recorder = new ConformanceRecorder(_options.RuleDecided, http.Scrub);
            var context = new ConformanceContext(http, recorder, _options, cancellationToken);

            await GuardAsync(context, "2", "Token rules", () => ReadChecks.TokensAsync(context)).ConfigureAwait(false);
            if (!context.HasToken)
            {
                recorder.Skip("2", "The API rules", "Everything", "No token was issued for the given credentials, so no API rule could run.");
            }
            else
            {
                await GuardAsync(context, "2", "Bearer rules", () => ReadChecks.BearerAsync(context)).ConfigureAwait(false);
                await GuardAsync(context, "9", "Schema rules", () => ReadChecks.SchemaAsync(context)).ConfigureAwait(false);
                await GuardAsync(context, "5", "Reference data rules", () => ReadChecks.ReferenceAsync(context)).ConfigureAwait(false);
                await GuardAsync(context, "4.1", "Paging rules", () => ReadChecks.ListAsync(context)).ConfigureAwait(false);
                await GuardAsync(context, "4.1", "Filter rules", () => ReadChecks.FiltersAsync(context)).ConfigureAwait(false);
                await GuardAsync(context, "4.2", "Single-record rules", () => ReadChecks.OneRecordAsync(context)).ConfigureAwait(false);
                if (_options.IncludeWrites)
                {
                    var tag = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 6);
                    await GuardAsync(context, "4.3-4.6", "Write rules", () => WriteChecks.RunAsync(context, tag)).ConfigureAwait(false);
                }
                else
                {
                    recorder.Skip("4.3-4.6", "Create, patch, deactivate, reactivate and delete rules", "Writing to TitanHST",
                        "Write checks are off (-IncludeWrites runs them on a sandbox).");
                }
            }

            AcrossChecks.Run(context);
            WritesSent = http.WritesSent;
            return recorder.Results;
        }
    }
}
