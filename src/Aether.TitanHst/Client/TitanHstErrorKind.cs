namespace Aether.TitanHst.Client
{
    /// <summary>What went wrong with a TitanHST call, by what the caller should do about it.</summary>
    public enum TitanHstErrorKind
    {
        /// <summary>A response the API document does not describe.</summary>
        UnexpectedResponse,

        /// <summary>400: malformed request or bad query parameter; a bug on our side, not retried.</summary>
        BadRequest,

        /// <summary>400 validation: see <see cref="TitanHstApiException.FieldErrors"/>.</summary>
        Validation,

        /// <summary>401: credentials rejected, or a renewed token rejected again.</summary>
        Unauthorized,

        /// <summary>404: no such record.</summary>
        NotFound,

        /// <summary>409: the external id belongs to another record (<see cref="TitanHstApiException.ConflictingId"/>), or an idempotency key is busy.</summary>
        Conflict,

        /// <summary>412: the record changed since it was read (<see cref="TitanHstApiException.CurrentVersion"/>); re-read and re-plan.</summary>
        PreconditionFailed,

        /// <summary>428: a conditional write was sent without If-Match; a bug on our side.</summary>
        PreconditionRequired,

        /// <summary>415: a bug on our side.</summary>
        UnsupportedMediaType,

        /// <summary>422: an idempotency key was reused with a different body; a bug on our side.</summary>
        IdempotencyKeyReused,

        /// <summary>429 after every retry: TitanHST kept throttling (<see cref="TitanHstApiException.RetryAfter"/>).</summary>
        RateLimited,

        /// <summary>403 insufficient-scope, or a token refused with invalid_scope: the credential may not do this (a read-only credential asked to write).</summary>
        InsufficientScope,
        /// <summary>5xx, timeouts, dropped connections after every retry, or the breaker is open after a sustained outage.</summary>
        VendorUnavailable,

        /// <summary>
        /// A response body larger than the cap for its kind of call (<see cref="TitanHstClientOptions.ResponseLimits"/>);
        /// the client stopped reading at the cap. Not retried: the same call would get the same body.
        /// </summary>
        ResponseTooLarge,

        /// <summary>
        /// No connection could be made (refused, unknown host, TLS handshake failed); <see cref="TitanHstApiException.RequestUri"/>
        /// names the URL tried. Not retried: the address or the certificate is wrong, not the vendor busy.
        /// </summary>
        ConnectionFailed,

        /// <summary>TitanHST asked the client to wait (Retry-After) longer than <see cref="TitanHstClientOptions.MaxRetryAfter"/>.</summary>
        RetryAfterTooLong,
    }
}
