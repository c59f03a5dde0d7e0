using System.Collections.Generic;

namespace Aether.TitanHst.Conformance
{
    /// <summary>A request the suite sends, described once for sending and once for the report.</summary>
    internal sealed class ConformanceRequest
    {
        public ConformanceRequest(string method, string path)
        {
            Method = method;
            Path = path;
        }

        public string Method { get; }

        /// <summary>Path and query under the origin, e.g. /api/v1/staff?limit=2.</summary>
        public string Path { get; }

        /// <summary>What the report shows instead of <see cref="Path"/> (an externalId read from the target is masked).</summary>
        public string? Display { get; set; }

        /// <summary>Headers to send (never Authorization: see <see cref="Bearer"/>).</summary>
        public List<KeyValuePair<string, string>> Headers { get; } = new();

        public byte[]? Body { get; set; }

        public string? ContentType { get; set; }

        /// <summary>Send the suite's bearer token (false: no Authorization header, or the one in <see cref="Authorization"/>).</summary>
        public bool Bearer { get; set; } = true;

        /// <summary>An Authorization value to send instead of the token; shown in the report as given in <see cref="AuthorizationShown"/>.</summary>
        public string? Authorization { get; set; }

        public string? AuthorizationShown { get; set; }

        /// <summary>A 429/503 with Retry-After is the point of the check: do not wait and resend.</summary>
        public bool ExpectThrottle { get; set; }

        public ConformanceRequest With(string name, string value)
        {
            Headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public ConformanceRequest Json(string json, string contentType = "application/json")
        {
            Body = System.Text.Encoding.UTF8.GetBytes(json);
            ContentType = contentType;
            return this;
        }
    }
}
