using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// Reads a response body into memory, at most <c>cap</c> bytes: a Content-Length over the cap is refused before
    /// reading, and a body without one is read until cap + 1 bytes prove it too large. The response keeps the
    /// buffered copy, so the rest of the client reads it as before.
    /// </summary>
    internal static class BoundedBody
    {
        private const int Chunk = 81920;

        internal static async Task BufferAsync(HttpResponseMessage response, int cap, CancellationToken cancellationToken)
        {
            var content = response.Content;
            if (content is null)
            {
                return;
            }

            if (content.Headers.ContentLength is { } declared && declared > cap)
            {
                content.Dispose();
                throw new ResponseTooLargeException(cap, declared);
            }

            byte[] body;
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new MemoryStream())
            {
                var chunk = new byte[Chunk];
                while (true)
                {
                    var read = await stream.ReadAsync(chunk, 0, (int)Math.Min(Chunk, cap + 1L - buffer.Length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > cap)
                    {
                        content.Dispose();
                        throw new ResponseTooLargeException(cap, null);
                    }
                }

                body = buffer.ToArray();
            }

            var buffered = new ByteArrayContent(body);
            foreach (var header in content.Headers.Where(h => !string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            content.Dispose();
            response.Content = buffered;
        }
    }

    /// <summary>A body over its cap; becomes a <see cref="TitanHstErrorKind.ResponseTooLarge"/> error at the client's edge.</summary>
    internal sealed class ResponseTooLargeException : Exception
    {
        internal ResponseTooLargeException(int cap, long? declared)
            : base(declared is { } length
                ? $"the response declares {length} bytes, more than the {cap} bytes allowed for this call"
                : $"the response is longer than the {cap} bytes allowed for this call (reading stopped there)")
        {
            Cap = cap;
        }

        public ResponseTooLargeException()
        {
        }

        public ResponseTooLargeException(string message)
            : base(message)
        {
        }

        public ResponseTooLargeException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        internal int Cap { get; }
    }
}
