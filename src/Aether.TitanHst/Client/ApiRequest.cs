using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// Everything needed to send one API call, possibly several times: a fresh <see cref="HttpRequestMessage"/> is
    /// built per attempt (a sent message cannot be sent again) from the same bytes, so a retry is the same request.
    /// </summary>
    internal sealed class ApiRequest
    {
        private static readonly MediaTypeHeaderValue Json = new("application/json");
        private static readonly MediaTypeHeaderValue MergePatch = new("application/merge-patch+json");

        private ApiRequest(HttpMethod method, string operation, Uri uri)
        {
            Method = method;
            Operation = operation;
            Uri = uri;
        }

        internal HttpMethod Method { get; }

        /// <summary>Method and path template for logs and audit, e.g. "PATCH /api/v1/staff/{id}".</summary>
        internal string Operation { get; }

        internal Uri Uri { get; }

        internal byte[]? Body { get; private set; }

        internal bool IsMergePatch { get; private set; }

        internal string? IfMatch { get; private set; }

        internal string? IdempotencyKey { get; private set; }

        /// <summary>
        /// Whether resending is safe (API document §7): a GET; a write guarded by If-Match; a create carrying an
        /// Idempotency-Key. Every request this client sends is one of these; the flag keeps the rule checkable.
        /// </summary>
        internal bool RetrySafe => Method == HttpMethod.Get || IfMatch is not null || IdempotencyKey is not null;

        internal bool IsCreate => IdempotencyKey is not null;

        /// <summary>What the success body holds: decides the body's size cap, and whether a 404 means "no such record" or "no such route".</summary>
        internal ResponseKind Kind { get; private set; } = ResponseKind.Record;

        internal static ApiRequest Get(string operation, Uri uri, ResponseKind kind = ResponseKind.Record) => new(HttpMethod.Get, operation, uri) { Kind = kind };

        internal static ApiRequest Create(string operation, Uri uri, byte[] body, string idempotencyKey) =>
            new(HttpMethod.Post, operation, uri) { Body = body, IdempotencyKey = idempotencyKey };

        internal static ApiRequest Conditional(HttpMethod method, string operation, Uri uri, string ifMatch, byte[]? body = null) =>
            new(method, operation, uri) { IfMatch = ifMatch, Body = body, IsMergePatch = body is not null };

        internal HttpRequestMessage Build(string accessToken)
        {
            var message = new HttpRequestMessage(Method, Uri);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            message.Headers.Accept.ParseAdd("application/json");
            message.Headers.Accept.ParseAdd("application/problem+json");
            if (IfMatch is not null)
            {
                // Sent exactly as the API gave it; parsing and re-printing could change a tag we must echo.
                message.Headers.TryAddWithoutValidation("If-Match", IfMatch);
            }

            if (IdempotencyKey is not null)
            {
                message.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
            }

            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                message.Content.Headers.ContentType = IsMergePatch ? MergePatch : Json;
            }

            return message;
        }
    }
}
