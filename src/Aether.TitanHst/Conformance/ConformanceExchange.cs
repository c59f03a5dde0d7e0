using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aether.TitanHst.Conformance
{
    /// <summary>One request the suite sent and what came back, held without the token or the secret.</summary>
    internal sealed class ConformanceExchange
    {
        public const string ProblemTypeBase = "https://errors.titanhst.example/";
        private JsonNode? _json;
        private bool _parsed;

        public ConformanceExchange(string method, string path, string request, bool isWrite)
        {
            Method = method;
            Path = path;
            Request = request;
            IsWrite = isWrite;
        }

        public string Method { get; }

        /// <summary>Path and query as sent (externalIds masked in <see cref="Request"/>, not here).</summary>
        public string Path { get; }

        /// <summary>What the report shows of the request.</summary>
        public string Request { get; }

        public bool IsWrite { get; }

        /// <summary>0 when there was no answer.</summary>
        public int Status { get; set; }

        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? MediaType { get; set; }

        public string Body { get; set; } = string.Empty;

        /// <summary>Why there was no answer (timeout, connection), already free of secrets.</summary>
        public string? TransportError { get; set; }

        public bool IsApi => Path.StartsWith("/api/v1", StringComparison.Ordinal);

        public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

        /// <summary>The body as JSON, or null when it is not JSON.</summary>
        public JsonNode? Json
        {
            get
            {
                if (!_parsed)
                {
                    _parsed = true;
                    try
                    {
                        _json = Body.Length == 0 ? null : JsonNode.Parse(Body);
                    }
                    catch (JsonException)
                    {
                        _json = null;
                    }
                }

                return _json;
            }
        }

        /// <summary>The problem slug when the body is a problem of this API's type base.</summary>
        public string? Slug
        {
            get
            {
                var type = Json is JsonObject o && o["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                return type is not null && type.StartsWith(ProblemTypeBase, StringComparison.Ordinal) ? type.Substring(ProblemTypeBase.Length) : null;
            }
        }

        /// <summary>Status, slug, media type and the headers worth seeing; no body contents.</summary>
        public string Summary()
        {
            if (Status == 0)
            {
                return "no answer: " + TransportError;
            }

            var parts = new List<string> { Status.ToString(CultureInfo.InvariantCulture) + (Slug is { } slug ? " " + slug : string.Empty) };
            if (MediaType is not null)
            {
                parts.Add(MediaType);
            }

            foreach (var name in new[] { "ETag", "Location", "Retry-After", "Idempotent-Replayed" })
            {
                if (Header(name) is { } value)
                {
                    parts.Add($"{name}: {value}");
                }
            }

            if (Json is JsonObject { } body && body["error"] is JsonValue error && error.TryGetValue<string>(out var oauthError))
            {
                parts.Add("error=" + oauthError);
            }

            parts.Add(Header("X-Request-Id") is null ? "no X-Request-Id" : "X-Request-Id");
            return string.Join(", ", parts.Where(p => p.Length > 0));
        }
    }
}
