using System;
using System.Net;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// Refuses to send credentials or staff data in clear text: https everywhere, plain http only to this machine
    /// (127.0.0.0/8, ::1, localhost), which is where the emulator runs.
    /// </summary>
    internal static class TransportSecurity
    {
        internal static void EnsureAllowed(Uri uri, string name)
        {
            if (string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase) && IsLoopback(uri))
            {
                return;
            }

            throw new InsecureUriException(
                $"{name} '{uri.GetLeftPart(UriPartial.Authority)}' is refused: TitanHST is reached over https; plain http is allowed only to a loopback address (127.0.0.1, ::1, localhost).",
                name);
        }

        /// <summary>
        /// Refuses a URI with user:password@ in it: the password would travel to logs, errors and the connection
        /// object, and HttpClient would not even use it. The message names neither part.
        /// </summary>
        internal static void EnsureNoCredentials(Uri uri, string name)
        {
            if (uri.IsAbsoluteUri && !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new CredentialsInUriException(
                    $"{name} '{WithoutUserInfo(uri)}' is refused: it holds a user name or password (user:password@ before the host). Give the OAuth client id and secret as the credential instead, and remove them from the address.",
                    name);
            }
        }

        /// <summary>The URI with any user:password@ removed, for messages and error targets.</summary>
        internal static string WithoutUserInfo(Uri uri) =>
            uri.IsAbsoluteUri ? uri.Scheme + "://" + uri.Authority + uri.AbsolutePath : "(relative URI)";

        internal static bool IsLoopback(Uri uri)
        {
            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // IPAddress.IsLoopback covers all of 127.0.0.0/8 and ::1; a host name other than localhost is never
            // trusted, since DNS could point it anywhere.
            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        }
    }
}
