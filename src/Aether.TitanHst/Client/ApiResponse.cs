using System;

namespace Aether.TitanHst.Client
{
    /// <summary>A finished call: the final status, the buffered body and the headers the client acts on.</summary>
    internal sealed class ApiResponse
    {
        internal ApiResponse(string operation, int statusCode, byte[] body, string? etag, bool replayed, TimeSpan? retryAfter, string? requestId, CallState state, TitanHstCallInfo call)
        {
            Operation = operation;
            StatusCode = statusCode;
            Body = body;
            ETag = etag;
            Replayed = replayed;
            RetryAfter = retryAfter;
            RequestId = requestId;
            State = state;
            Call = call;
        }

        internal string Operation { get; }

        internal int StatusCode { get; }

        internal byte[] Body { get; }

        internal string? ETag { get; }

        internal bool Replayed { get; }

        internal TimeSpan? RetryAfter { get; }

        internal string? RequestId { get; }

        internal CallState State { get; }

        internal TitanHstCallInfo Call { get; }
    }
}
