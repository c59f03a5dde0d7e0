using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aether.TitanHst.Errors;

using Aether.TitanHst.Sync.Notifications;

namespace Aether.TitanHst.Sync
{
    /// <summary>Reads and checks a connector configuration; every problem names file, line and property.</summary>
    public static class ConnectorConfigLoader
    {
        private static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        };

        // '\z', not '$' (which also matches before a final "\n"); [0-9], not \d (which matches any Unicode digit).
        private static readonly Regex SemVer = new(@"^[0-9]+\.[0-9]+\.[0-9]+(?:[-+][0-9A-Za-z.-]+)?\z", RegexOptions.CultureInvariant);

        // A file anchor is resolved against the configuration's folder, like every other path in it.
        private static string AnchorSetting(string text, Func<string, string, InputFileException> bad)
        {
            var t = text.Trim();
            if (t is "none" or "syslog" or "eventlog")
            {
                return t;
            }

            if (t.StartsWith("file:", StringComparison.Ordinal) && t.Length > 5)
            {
                return t;
            }

            throw bad("audit.anchor", "must be \"none\", \"syslog\", \"eventlog\" or \"file:<path>\"");
        }

        public static ConnectorConfig Load(string path)
        {
            var full = Path.GetFullPath(path);
            InputFiles.RequireFile(full, "configuration file not found", InputPathOrigin.CommandLine);

            ConnectorConfigDocument doc;
            var bytes = File.ReadAllBytes(full);
            try
            {
                doc = JsonSerializer.Deserialize<ConnectorConfigDocument>(bytes, Options) ?? throw new JsonException("empty");
            }
            catch (JsonException ex)
            {
                var problem = ex.Message.Contains("could not be mapped")
                    ? "unknown property; the configuration never holds a secret (the client secret comes from SecretManagement or an environment variable)"
                    : "not valid configuration JSON";
                throw new InputFileException(InputErrorIds.ConfigJsonInvalid, full, (int)(ex.LineNumber ?? 0) + 1, (ex.Path ?? string.Empty).TrimStart('$', '.'), problem, ex);
            }

            var directory = Path.GetDirectoryName(full) ?? ".";
            var lines = new Contract.JsonLineIndex(bytes);
            InputFileException Bad(string property, string problem) => new(InputErrorIds.ConfigPropertyInvalid, full, lines.LineOf(property), property, problem);

            // A path the file system refuses (a NUL, which JSON writes as \u0000; on Windows PowerShell also | < > ")
            // is a problem of this file, named by its line, not an ArgumentException from Path.
            string Resolve(string relative, string property)
            {
                try
                {
                    return Path.GetFullPath(Path.Combine(directory, relative));
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    throw Bad(property, "not a path this system can use (" + ex.Message + ")");
                }
            }

            // As the contract: a property given twice keeps only its last value in the serializer, so a second
            // "apply" must not quietly relax the first; a name that is not text cannot be what anyone meant.
            if (lines.Duplicate is { } duplicate)
            {
                throw new InputFileException(InputErrorIds.ConfigJsonInvalid, full, duplicate.SecondLine, duplicate.Path,
                    $"the property is given twice in the same object (lines {duplicate.FirstLine} and {duplicate.SecondLine}); JSON readers keep only one of them, so keep one");
            }

            if (lines.NotText is { } notText)
            {
                throw new InputFileException(InputErrorIds.ConfigJsonInvalid, full, notText.Line, notText.Path,
                    "the property's name or value holds an escaped lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not text");
            }

            // A file anchor's path is resolved where the audit log is written; a path no system can use is this file's problem, on its line.
            string CheckedAnchor(string setting)
            {
                if (setting.StartsWith("file:", StringComparison.Ordinal))
                {
                    Resolve(setting.Substring("file:".Length), "audit.anchor");
                }

                return setting;
            }

            if (doc.ConfigFormat != 1)
            {
                throw Bad("configFormat", "must be 1");
            }

            // The same ranges the cmdlets take (Connect-TitanHst -RequestsPerSecond, Test-TitanHstSync -SampleSize).
            if (doc.TitanHst?.RequestsPerSecond is { } rate && (double.IsNaN(rate) || rate < 0 || rate > 10000))
            {
                throw Bad("titanHst.requestsPerSecond", "must be 0 (no client-side limit) to 10000");
            }

            if (doc.Validation?.SampleSize is { } sample && sample is < 0 or > 100000)
            {
                throw Bad("validation.sampleSize", "must be 0 to 100000");
            }

            if (doc.Version is null || !SemVer.IsMatch(doc.Version))
            {
                throw Bad("version", "a semantic version such as 1.0.0 is required");
            }

            if (string.IsNullOrWhiteSpace(doc.Contract))
            {
                throw Bad("contract", "the path of the mapping contract is required");
            }

            if (!Uri.TryCreate(doc.TitanHst?.BaseUri, UriKind.Absolute, out var baseUri))
            {
                throw Bad("titanHst.baseUri", "an absolute URI such as https://district.titanhst.example is required");
            }

            Uri? tokenUri = null;
            if (doc.TitanHst!.TokenUri is not null && !Uri.TryCreate(doc.TitanHst.TokenUri, UriKind.Absolute, out tokenUri))
            {
                throw Bad("titanHst.tokenUri", "must be an absolute URI");
            }

            var throttle = doc.Apply?.ThrottleLimit ?? 4;
            if (throttle is < 1 or > 32)
            {
                throw Bad("apply.throttleLimit", "must be 1 to 32");
            }

            if (doc.TitanHst.ReadOnly == true && (doc.TitanHst.WriteClientId is not null || doc.TitanHst.WriteSecretName is not null))
            {
                throw Bad("titanHst.readOnly", "a read-only connector has no write client: remove writeClientId and writeSecretName, or readOnly");
            }

            return new ConnectorConfig(full, doc.Version, Resolve(doc.Contract!, "contract"), baseUri, tokenUri, doc.TitanHst.ClientId, doc.TitanHst.RequestsPerSecond ?? 10,
                doc.TitanHst.ExpectedSchemaVersion, throttle, doc.Apply?.AllowDelete ?? false, doc.Apply?.AllowRoleChange ?? false,
                doc.Audit?.Folder is { } audit ? Resolve(audit, "audit.folder") : null, doc.Runs?.Folder is { } runs ? Resolve(runs, "runs.folder") : null,
                Resolve(doc.Reports?.Folder ?? "reports", "reports.folder"), doc.Validation?.SampleSize ?? 25)
            {
                WriteClientId = doc.TitanHst.WriteClientId,
                SecretName = doc.TitanHst.SecretName,
                WriteSecretName = doc.TitanHst.WriteSecretName,
                ReadOnly = doc.TitanHst.ReadOnly ?? false,
                AuditAnchor = doc.Audit?.Anchor is { } anchor ? CheckedAnchor(AnchorSetting(anchor, Bad)) : null,
                Notify = ReadNotify(doc.Notify, Bad),
                TargetReads = ReadTargetReads(doc.TargetReads, Bad),
                SnapshotFolder = Resolve(doc.TargetReads?.SnapshotFolder ?? "snapshots", "targetReads.snapshotFolder"),
            };
        }

        // targetReads (decision 0016); every duration is a .NET TimeSpan in its invariant form, d.hh:mm:ss.
        private static Target.TargetReadSettings ReadTargetReads(TargetReadsSectionDocument? doc, Func<string, string, InputFileException> bad)
        {
            var settings = new Target.TargetReadSettings();
            if (doc is null)
            {
                return settings;
            }

            settings.Mode = doc.Mode switch
            {
                null or "full" => Target.TargetReadMode.Full,
                "incremental" => Target.TargetReadMode.Incremental,
                _ => throw bad("targetReads.mode", "must be \"full\" or \"incremental\""),
            };
            TimeSpan Duration(string? text, string name, TimeSpan fallback, TimeSpan min, TimeSpan max)
            {
                if (text is null)
                {
                    return fallback;
                }

                if (!TimeSpan.TryParseExact(text, "c", System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                {
                    throw bad("targetReads." + name, $"must be a duration d.hh:mm:ss from {min} to {max}, e.g. \"7.00:00:00\"");
                }

                return value;
            }

            settings.FullReadEvery = Duration(doc.FullReadEvery, "fullReadEvery", settings.FullReadEvery, TimeSpan.FromHours(1), TimeSpan.FromDays(90));
            settings.MaxSnapshotAge = Duration(doc.MaxSnapshotAge, "maxSnapshotAge", settings.MaxSnapshotAge, TimeSpan.FromHours(1), TimeSpan.FromDays(90));
            settings.Overlap = Duration(doc.Overlap, "overlap", settings.Overlap, TimeSpan.Zero, TimeSpan.FromDays(1));
            return settings;
        }

        private static NotificationSettings? ReadNotify(NotifySectionDocument? doc, Func<string, string, InputFileException> bad)
        {
            if (doc is null)
            {
                return null;
            }

            var on = new List<SyncStatus>();
            foreach (var name in doc.On ?? new[] { nameof(SyncStatus.Applied), nameof(SyncStatus.NeedsReview), nameof(SyncStatus.Failed) })
            {
                if (!Enum.TryParse<SyncStatus>(name, ignoreCase: true, out var status) || !Enum.IsDefined(typeof(SyncStatus), status))
                {
                    throw bad("notify.on", $"'{name}' is not a status (InSync, Applied, NeedsReview, Failed)");
                }

                on.Add(status);
            }

            EmailSettings? email = null;
            if (doc.Email is { } e)
            {
                if (string.IsNullOrWhiteSpace(e.SmtpHost) || string.IsNullOrWhiteSpace(e.From) || e.To is not { Length: > 0 })
                {
                    throw bad("notify.email", "smtpHost, from and at least one address in to are required");
                }

                if (Array.Exists(e.To, string.IsNullOrWhiteSpace))
                {
                    throw bad("notify.email.to", "every address must be given (a null or blank one reaches no one)");
                }

                if (e.SmtpPort is { } port && port is < 1 or > 65535)
                {
                    throw bad("notify.email.smtpPort", "must be a port, 1 to 65535");
                }

                var security = e.Security ?? "starttls";
                if (security is not ("starttls" or "none"))
                {
                    throw bad("notify.email.security", "must be \"starttls\" or \"none\" (none: a server on this machine only)");
                }

                SecretReference? password = null;
                if (e.Password is not null && (password = SecretReference.TryParse(e.Password)) is null)
                {
                    throw bad("notify.email.password", "must name where the password is, \"env:NAME\" or \"secret:NAME\"; the configuration never holds a secret");
                }

                email = new EmailSettings(e.SmtpHost!, e.SmtpPort ?? 587, security == "starttls", e.From!, e.To, e.UserName, password, e.AttachReport ?? true);
            }

            WebhookSettings? webhook = null;
            if (doc.Webhook is { } w)
            {
                var url = SecretReference.TryParse(w.Url)
                    ?? throw bad("notify.webhook.url", "must name where the URL is, \"env:NAME\" or \"secret:NAME\": a webhook URL carries its own token, so the configuration never holds it");
                webhook = new WebhookSettings(url);
            }

            return new NotificationSettings(on, email, webhook);
        }
    }
}
