using System;
using System.Net.Http;

namespace Aether.TitanHst.Conformance
{
    /// <summary>Where the conformance checks go and as whom. The secret is read only when a token is requested.</summary>
    public sealed class ConformanceTarget
    {
        public ConformanceTarget(Uri baseUri, string clientId, Func<string> clientSecret, Uri? tokenUri = null)
        {
            BaseUri = baseUri ?? throw new ArgumentNullException(nameof(baseUri));
            ClientId = clientId ?? throw new ArgumentNullException(nameof(clientId));
            ClientSecret = clientSecret ?? throw new ArgumentNullException(nameof(clientSecret));
            TokenUri = tokenUri ?? new Uri(baseUri, "/oauth/token");
            // The same rule as the connector's client: a secret is never sent over plain http except to loopback.
            Client.TransportSecurity.EnsureAllowed(BaseUri, "BaseUri");
            Client.TransportSecurity.EnsureAllowed(TokenUri, "TokenUri");
        }

        /// <summary>The origin; the API is under /api/v1.</summary>
        public Uri BaseUri { get; }

        public Uri TokenUri { get; }

        public string ClientId { get; }

        internal Func<string> ClientSecret { get; }

        /// <summary>Tests only: the handler to send through.</summary>
        public HttpMessageHandler? Handler { get; set; }
    }
}
