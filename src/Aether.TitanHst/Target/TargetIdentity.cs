using System;
using System.Globalization;
using System.Net;

namespace Aether.TitanHst.Target
{
    /// <summary>
    /// Which TitanHST a plan, a run or a lock belongs to: the base URI in one normal form and the vendor's instance id
    /// (GET /api/v1/schema). Record ids coincide between instances, so a plan is applied only where both match.
    /// </summary>
    /// <remarks>
    /// The normal form: scheme and host in lower case; the port always written (443 for https, 80 for http); the
    /// path without a trailing slash (case kept: paths are case-sensitive); no query or fragment. Every loopback name
    /// (<c>localhost</c>, <c>127.x.x.x</c>, <c>::1</c>) is written <c>loopback</c>: they reach the same machine, and the
    /// instance id tells two servers on it apart. A URI with user information is refused (docs/decisions/0015).
    /// </remarks>
    public sealed class TargetIdentity : IEquatable<TargetIdentity>
    {
        public TargetIdentity(string baseUri, string? instanceId)
        {
            BaseUri = baseUri;
            InstanceId = instanceId;
        }

        /// <summary>The normalized base URI, for example <c>https://loopback:5001</c>.</summary>
        public string BaseUri { get; }

        /// <summary>The vendor's tenant/instance id; null when the API did not report one.</summary>
        public string? InstanceId { get; }

        /// <summary>One string for both parts: what locks are keyed by.</summary>
        public string Key => BaseUri + "#" + (InstanceId ?? string.Empty);

        /// <summary>The identity of <paramref name="baseUri"/> with the instance id the schema endpoint reported.</summary>
        /// <exception cref="ArgumentException">The URI is relative, carries user information, or the instance id is malformed.</exception>
        public static TargetIdentity Of(Uri baseUri, string? instanceId)
        {
            if (instanceId is not null && !IsWellFormedInstanceId(instanceId))
            {
                throw new ArgumentException("TitanHST reported an instanceId that is not 1 to 64 letters, digits, '-', '_' or '.'.", nameof(instanceId));
            }

            return new TargetIdentity(Normalize(baseUri), instanceId);
        }

        /// <summary>The normal form of a base URI (see the remarks).</summary>
        public static string Normalize(Uri baseUri)
        {
            if (!baseUri.IsAbsoluteUri)
            {
                throw new ArgumentException("The base URI must be absolute.", nameof(baseUri));
            }

            if (baseUri.UserInfo.Length > 0)
            {
                throw new ArgumentException("The base URI must not carry a user name or password.", nameof(baseUri));
            }

            var scheme = baseUri.Scheme.ToLowerInvariant();
            var host = baseUri.IdnHost.ToLowerInvariant().Trim('[', ']');
            if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)))
            {
                host = "loopback";
            }
            else if (host.Contains(":"))
            {
                host = "[" + host + "]";
            }

            var path = Uri.UnescapeDataString(baseUri.AbsolutePath).TrimEnd('/');
            return string.Format(CultureInfo.InvariantCulture, "{0}://{1}:{2}{3}", scheme, host, baseUri.Port, path);
        }

        public static bool IsWellFormedInstanceId(string value)
        {
            if (value.Length is 0 or > 64)
            {
                return false;
            }

            foreach (var c in value)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
                {
                    return false;
                }
            }

            return true;
        }

        public bool Equals(TargetIdentity? other) =>
            other is not null && string.Equals(BaseUri, other.BaseUri, StringComparison.Ordinal) && string.Equals(InstanceId, other.InstanceId, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as TargetIdentity);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

        public override string ToString() => InstanceId is null ? BaseUri : $"{BaseUri} (instance {InstanceId})";
    }
}
