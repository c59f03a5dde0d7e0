using System.Text.Json.Nodes;
using System.Threading;

namespace Aether.TitanHst.Conformance
{
    /// <summary>What the rule groups share during one run.</summary>
    internal sealed class ConformanceContext
    {
        public ConformanceContext(ConformanceHttp http, ConformanceRecorder recorder, ConformanceOptions options, CancellationToken cancellation)
        {
            Http = http;
            Recorder = recorder;
            Options = options;
            Cancellation = cancellation;
        }

        public ConformanceHttp Http { get; }

        public ConformanceRecorder Recorder { get; }

        public ConformanceOptions Options { get; }

        public CancellationToken Cancellation { get; }

        /// <summary>True once a token was issued; the API rules need one.</summary>
        public bool HasToken { get; set; }

        /// <summary>A record read from the first list page, to check reads of one record (never reported).</summary>
        public JsonObject? Sample { get; set; }

        /// <summary>A listed record that has an externalId (never reported).</summary>
        public JsonObject? SampleWithExternalId { get; set; }

        /// <summary>Codes of the active sites and roles (§5), ordinal order, for the assignment write rules.</summary>
        public System.Collections.Generic.List<string> ActiveSites { get; } = new System.Collections.Generic.List<string>();

        /// <summary>As <see cref="ActiveSites"/>, for roles.</summary>
        public System.Collections.Generic.List<string> ActiveRoles { get; } = new System.Collections.Generic.List<string>();
    }
}
