using System;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// The largest response body, in bytes, the client reads for each kind of call. A body over its cap is refused
    /// after reading at most cap + 1 bytes (or at once when Content-Length says so), so a vendor fault or a hostile
    /// endpoint cannot make the module buffer hundreds of megabytes. Defaults leave wide room over what the API
    /// document allows (a page of 1,000 records at every field's maximum length is about 3.5 MB of UTF-8).
    /// </summary>
    public sealed class TitanHstResponseLimits
    {
        /// <summary>POST /oauth/token (a token and its lifetime).</summary>
        public int Token { get; set; } = 64 * 1024;

        /// <summary>GET /api/v1/staff, one page.</summary>
        public int Page { get; set; } = 32 * 1024 * 1024;

        /// <summary>One record: GET one, create, patch, deactivate, reactivate.</summary>
        public int Record { get; set; } = 256 * 1024;

        /// <summary>GET /api/v1/roles and /sites.</summary>
        public int References { get; set; } = 4 * 1024 * 1024;

        /// <summary>GET /api/v1/schema.</summary>
        public int Schema { get; set; } = 256 * 1024;

        /// <summary>Any error answer (problem or OAuth error body), whatever the call.</summary>
        public int Error { get; set; } = 64 * 1024;

        internal int For(ResponseKind kind) => kind switch
        {
            ResponseKind.Token => Token,
            ResponseKind.Page => Page,
            ResponseKind.References => References,
            ResponseKind.Schema => Schema,
            _ => Record,
        };

        internal void Validate()
        {
            foreach (var (name, value) in new[] { (nameof(Token), Token), (nameof(Page), Page), (nameof(Record), Record), (nameof(References), References), (nameof(Schema), Schema), (nameof(Error), Error) })
            {
                if (value is < 1024 or > 1024 * 1024 * 1024)
                {
                    throw new ArgumentException($"ResponseLimits.{name} must be between 1 KiB and 1 GiB.", nameof(TitanHstClientOptions.ResponseLimits));
                }
            }
        }
    }
}
