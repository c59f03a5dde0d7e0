using System;

namespace Aether.TitanHst.Client
{
    /// <summary>Filters for listing staff. The same query must be used for every page of one traversal.</summary>
    public sealed class StaffQuery
    {
        /// <summary>Every record, active and inactive.</summary>
        public static StaffQuery All { get; } = new();

        /// <summary>Only active records (true), only inactive (false), or both (null).</summary>
        public bool? Active { get; set; }

        /// <summary>Only records with updatedAt at or after this instant.</summary>
        public DateTimeOffset? UpdatedSince { get; set; }

        /// <summary>Records per page, 1..1000; the client's PageSize when null.</summary>
        public int? PageSize { get; set; }
    }
}
