using System;
using System.Net.Http;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// The HTTP handler: no redirects (a redirect could carry the bearer token elsewhere), and a connect timeout.
    /// The engine targets netstandard2.0, whose HttpClientHandler has no connect timeout; on PowerShell 7 the
    /// runtime's SocketsHttpHandler has one and is used, found at run time. Windows PowerShell keeps
    /// HttpClientHandler and the system's connect timeout.
    /// </summary>
    internal static class Transport
    {
        private static readonly Type? SocketsHandler = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);

        internal static HttpMessageHandler CreateHandler(TimeSpan connectTimeout)
        {
            if (SocketsHandler is not null
                && SocketsHandler.GetProperty("ConnectTimeout") is { } timeout
                && SocketsHandler.GetProperty("AllowAutoRedirect") is { } redirect
                && Activator.CreateInstance(SocketsHandler) is HttpMessageHandler handler)
            {
                redirect.SetValue(handler, false);
                timeout.SetValue(handler, connectTimeout);
                return handler;
            }

            return new HttpClientHandler { AllowAutoRedirect = false };
        }
    }
}
