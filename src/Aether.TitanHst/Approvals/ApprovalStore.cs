using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Approvals
{
    /// <summary>
    /// The approvals of a plan, kept beside it as <c>&lt;plan file&gt;.approvals.json</c> (a JSON array). Read back
    /// as untrusted input: a malformed file is an error naming it; each approval is then verified on its own.
    /// </summary>
    public static class ApprovalStore
    {
        internal static readonly JsonSerializerOptions Json = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter() },
            // A null where an approval holds text (planHash, approver, ...) is refused here, by its line, as a
            // malformed file: let through, it reached the verifier as a null no check expects.
            RespectNullableAnnotations = true,
        };

        public static string PathFor(string planPath) => planPath + ".approvals.json";

        public static IReadOnlyList<PlanApproval> Read(string planPath)
        {
            var path = PathFor(planPath);
            if (!File.Exists(path))
            {
                return Array.Empty<PlanApproval>();
            }

            try
            {
                var approvals = JsonSerializer.Deserialize<List<PlanApproval>>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
                if (approvals.Exists(a => a is null))
                {
                    throw new JsonException("an approval is null");
                }

                return approvals;
            }
            catch (JsonException ex)
            {
                throw new InputFileException(InputErrorIds.ApprovalFileInvalid, path, (int)(ex.LineNumber ?? 0) + 1, ex.Path ?? string.Empty,
                    "the approvals file is not valid; delete it and approve the plan again", ex);
            }
        }

        /// <summary>Adds an approval (owner-only file, written through a temporary file and a rename).</summary>
        public static string Append(string planPath, PlanApproval approval)
        {
            var approvals = new List<PlanApproval>(Read(planPath)) { approval };
            var path = PathFor(planPath);
            ReplacedFile.Write(path, ownerOnly: true, stream => JsonSerializer.Serialize(stream, approvals, Json));

            return path;
        }
    }
}
