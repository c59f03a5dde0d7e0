using System.Collections.Generic;
using System.Linq;

namespace Aether.TitanHst.Client
{
    /// <summary>
    /// The exact calls a write would make, in words, for -WhatIf and -Confirm. Kept beside the client because only
    /// the client knows the wire format.
    /// </summary>
    public static class WriteCallDescriptions
    {
        public static string Create(string externalId, IEnumerable<string> fields) =>
            $"POST /api/v1/staff with an Idempotency-Key: externalId {externalId}, {Fields(fields)}";

        public static string Patch(string id, string? etag, IEnumerable<string> fields) =>
            $"PATCH /api/v1/staff/{id} If-Match {etag}: {Fields(fields)}";

        public static string Deactivate(string id, string? etag) => $"POST /api/v1/staff/{id}/deactivate If-Match {etag}";

        public static string Reactivate(string id, string? etag, IEnumerable<string> fields)
        {
            var list = fields.ToList();
            var then = list.Count == 0 ? string.Empty : $", then PATCH /api/v1/staff/{id} with the new ETag: {Fields(list)}";
            return $"POST /api/v1/staff/{id}/reactivate If-Match {etag}{then}";
        }

        public static string Delete(string id, string? etag) => $"DELETE /api/v1/staff/{id} If-Match {etag}";

        private static string Fields(IEnumerable<string> fields) => "sets " + string.Join(", ", fields);
    }
}
