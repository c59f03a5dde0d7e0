using System;
using System.Collections.Generic;
using System.IO;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// A TitanHST call that failed, typed by <see cref="Kind"/>, with what the API said (RFC 9457 problem
    /// members) and how hard the client tried. Messages never carry the access token or the client secret.
    /// </summary>
    public sealed class TitanHstApiException : Exception
    {
        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFieldErrors = new Dictionary<string, IReadOnlyList<string>>(0);

        public TitanHstApiException()
            : this(TitanHstErrorKind.UnexpectedResponse, "TitanHST call failed.")
        {
        }

        public TitanHstApiException(string message)
            : this(TitanHstErrorKind.UnexpectedResponse, message)
        {
        }

        public TitanHstApiException(string message, Exception innerException)
            : this(TitanHstErrorKind.UnexpectedResponse, message, innerException)
        {
        }

        public TitanHstApiException(TitanHstErrorKind kind, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            FieldErrors = NoFieldErrors;
            Operation = string.Empty;
        }

        public TitanHstErrorKind Kind { get; }

        /// <summary>The operation, e.g. "PATCH /api/v1/staff/{id}".</summary>
        public string Operation { get; internal set; }

        /// <summary>The HTTP status of the last attempt; null when none answered (timeout, connection, open breaker).</summary>
        public int? StatusCode { get; internal set; }

        /// <summary>The problem type's slug (validation, precondition-failed, ...), or the OAuth error code.</summary>
        public string? ProblemType { get; internal set; }

        public string? Title { get; internal set; }

        public string? Detail { get; internal set; }

        /// <summary>TitanHST's request id, for the vendor's support.</summary>
        public string? TraceId { get; internal set; }

        /// <summary>Validation messages by JSON member name.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors { get; internal set; }

        /// <summary>The server's Retry-After on the last attempt, when it sent one.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        /// <summary>On an external-id conflict, the record that already holds the external id.</summary>
        public string? ConflictingId { get; internal set; }

        /// <summary>On 412, the record's current version.</summary>
        public int? CurrentVersion { get; internal set; }

        /// <summary>True when the failure is the breaker refusing to call a vendor that has been failing.</summary>
        public bool CircuitOpen { get; internal set; }

        /// <summary>Requests sent for the call, retries and a token renewal included.</summary>
        public int Attempts { get; internal set; }

        /// <summary>
        /// The URL the call went to (no query string), when it helps to fix the setup: a connection that failed,
        /// a route that does not exist (404 outside a record lookup).
        /// </summary>
        public string? RequestUri { get; internal set; }

        /// <summary>Whether retrying later may succeed unchanged.</summary>
        public bool IsTransient => Kind is TitanHstErrorKind.RateLimited or TitanHstErrorKind.VendorUnavailable or TitanHstErrorKind.RetryAfterTooLong;

        /// <summary>
        /// A copy with every text member passed through <paramref name="redact"/>: what a server put in a message
        /// (an echoed Authorization header, a form body) never leaves the client with a credential in it.
        /// </summary>
        internal TitanHstApiException Redacted(Func<string, string> redact)
        {
            var fieldErrors = new Dictionary<string, IReadOnlyList<string>>(FieldErrors.Count, StringComparer.Ordinal);
            foreach (var field in FieldErrors)
            {
                var messages = new string[field.Value.Count];
                for (var i = 0; i < messages.Length; i++)
                {
                    messages[i] = redact(field.Value[i]);
                }

                fieldErrors[redact(field.Key)] = messages;
            }

            // .NET's own messages (a FormatException quoting the value it could not parse) can carry server text too.
            var inner = InnerException;
            if (inner is not null && !string.Equals(redact(inner.ToString()), inner.ToString(), StringComparison.Ordinal))
            {
                inner = new InvalidDataException(redact(inner.Message) + " (" + inner.GetType().Name + ", credentials removed)");
            }

            return new TitanHstApiException(Kind, redact(Message), inner)
            {
                Operation = Operation,
                StatusCode = StatusCode,
                ProblemType = ProblemType is null ? null : redact(ProblemType),
                Title = Title is null ? null : redact(Title),
                Detail = Detail is null ? null : redact(Detail),
                TraceId = TraceId is null ? null : redact(TraceId),
                FieldErrors = fieldErrors,
                RetryAfter = RetryAfter,
                ConflictingId = ConflictingId is null ? null : redact(ConflictingId),
                CurrentVersion = CurrentVersion,
                CircuitOpen = CircuitOpen,
                Attempts = Attempts,
                RequestUri = RequestUri is null ? null : redact(RequestUri),
            };
        }
    }
}
