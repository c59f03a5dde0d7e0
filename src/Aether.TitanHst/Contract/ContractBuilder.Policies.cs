using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Contract
{
    /// <summary>The contract's policy sections: scope and conflict conditions, review fields, safety and audit.</summary>
    internal sealed partial class ContractBuilder
    {
        // Conditions on contract fields (scope, conflicts) or, with no field list, on TitanHST fields (target scope).
        private static List<ScopeCondition> BuildConditions(List<ScopeConditionDocument>? conditions, string at, List<FieldDefinition>? fields)
        {
            var result = new List<ScopeCondition>();
            for (var i = 0; i < (conditions?.Count ?? 0); i++)
            {
                var where = $"{at}[{i}]";
                var condition = conditions![i] ?? throw new ContractPathException(where, "must be an object");
                var field = Require(condition.Field, $"{where}.field");
                if (fields is not null && fields.All(f => f.Name != field))
                {
                    throw new ContractPathException($"{where}.field", $"'{field}' is not defined under fields");
                }

                if (condition.In is null && condition.NotIn is null && condition.Blank is null)
                {
                    throw new ContractPathException(where, "give \"in\", \"notIn\" or \"blank\"");
                }

                result.Add(new ScopeCondition(field, condition.In, condition.NotIn, condition.Blank));
            }

            return result;
        }

        private ReviewFields BuildReview(List<FieldDefinition> fields)
        {
            var review = _doc.Review;
            string? Field(string? name, string at) =>
                name is null || fields.Any(f => f.Name == name) ? name : throw new ContractPathException(at, $"'{name}' is not defined under fields");

            var displayName = (review?.DisplayName ?? new List<string>()).Select((n, i) => Field(n, $"review.displayName[{i}]")!).ToList();
            return new ReviewFields(displayName, Field(review?.RoleField, "review.roleField"), Field(review?.SiteField, "review.siteField"));
        }

        private List<ConflictRule> BuildConflicts(List<FieldDefinition> fields)
        {
            var result = new List<ConflictRule>();
            var rules = _doc.Conflicts ?? new List<ConflictRuleDocument>();
            for (var i = 0; i < rules.Count; i++)
            {
                var at = $"conflicts[{i}]";
                var rule = rules[i] ?? throw new ContractPathException(at, "must be an object");
                var name = Require(rule.Name, $"{at}.name");
                if (result.Any(r => r.Name == name))
                {
                    throw new ContractPathException($"{at}.name", $"another conflict rule is named '{name}'");
                }

                if (rule.When is null || rule.When.Count == 0)
                {
                    throw Missing($"{at}.when", "list the conditions that together make a conflict");
                }

                result.Add(new ConflictRule(name, rule.Description ?? string.Empty, BuildConditions(rule.When, $"{at}.when", fields)));
            }

            return result;
        }

        private ContractAuditPolicy BuildAudit(List<FieldDefinition> fields)
        {
            var audit = _doc.Audit;
            if (audit?.RetentionDays is < 1)
            {
                throw new ContractPathException("audit.retentionDays", "must be at least 1 (days)");
            }

            var modes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in audit?.Fields ?? new Dictionary<string, string>())
            {
                if (fields.All(f => f.Name != pair.Key))
                {
                    throw new ContractPathException($"audit.fields.{pair.Key}", $"'{pair.Key}' is not defined under fields");
                }

                if (!ContractAuditPolicy.Modes.Contains(pair.Value))
                {
                    throw new ContractPathException($"audit.fields.{pair.Key}", "must be \"clear\", \"masked\" or \"hashed\"");
                }

                modes[pair.Key] = pair.Value;
            }

            var anchor = audit?.Anchor?.Trim();
            if (anchor is not null && !ContractAuditPolicy.IsAnchor(anchor))
            {
                throw new ContractPathException("audit.anchor", "must be \"none\", \"syslog\", \"eventlog\" or \"file:<path>\"");
            }

            return new ContractAuditPolicy(audit?.RetentionDays, modes, anchor);
        }

        private InputSafety BuildInputSafety()
        {
            var section = _doc.InputSafety;
            if (section is null)
            {
                return InputSafety.Default;
            }

            var unsafeCharacters = section.UnsafeCharacters switch
            {
                null or "strip" => UnsafeCharacterAction.Strip,
                "reject" => UnsafeCharacterAction.Reject,
                _ => throw new ContractPathException("inputSafety.unsafeCharacters", "must be \"strip\" or \"reject\""),
            };
            return new InputSafety(unsafeCharacters, section.AllowFormulaKeys ?? false, section.AllowPathsOutsideContractFolder ?? false);
        }

        private SafetyPolicy BuildSafety()
        {
            var safety = _doc.Safety;
            if (safety is null)
            {
                return SafetyPolicy.Default;
            }

            var removal = safety.Removal switch
            {
                null or "deactivate" => RemovalMode.Deactivate,
                "delete" => RemovalMode.Delete,
                _ => throw new ContractPathException("safety.removal", "must be \"deactivate\" or \"delete\""),
            };
            var thresholds = SafetyPolicy.Default.Thresholds.ToDictionary(t => t.Kind);
            foreach (var pair in safety.Thresholds ?? new Dictionary<string, ThresholdDocument>())
            {
                var at = $"safety.thresholds.{pair.Key}";
                var kind = pair.Key switch
                {
                    "deactivate" => RiskFlags.Deactivate,
                    "delete" => RiskFlags.Delete,
                    "roleChange" => RiskFlags.RoleChange,
                    "siteChange" => RiskFlags.SiteChange,
                    "primaryChange" => RiskFlags.PrimaryChange,
                    "reactivate" => RiskFlags.Reactivation,
                    "valueCleared" => RiskFlags.ValueCleared,
                    "identityChange" => RiskFlags.IdentityChange,
                    "create" => RiskFlags.Create,
                    _ => throw new ContractPathException(at, "thresholds are deactivate, delete, reactivate, roleChange, siteChange, primaryChange, valueCleared, identityChange and create"),
                };
                var threshold = pair.Value ?? throw new ContractPathException(at, "must be an object");
                if (threshold.MaxCount is null && threshold.MaxPercent is null)
                {
                    // An empty object would silently remove the default limit; leaving the threshold out keeps it.
                    throw new ContractPathException(at, "give maxCount, maxPercent or both; to keep the default limit, leave this threshold out");
                }

                if (threshold.MaxCount is < 0)
                {
                    throw new ContractPathException($"{at}.maxCount", "must be 0 or more");
                }

                if (threshold.MaxPercent is < 0 or > 100)
                {
                    throw new ContractPathException($"{at}.maxPercent", "must be between 0 and 100");
                }

                thresholds[kind] = new Threshold(kind, threshold.MaxCount, threshold.MaxPercent);
            }

            return new SafetyPolicy(removal, safety.AdditionsOnly ?? false, thresholds.Values) { Approvals = BuildApprovals(safety.Approvals) };
        }

        private static Approvals.ApprovalPolicy BuildApprovals(ApprovalsDocument? approvals)
        {
            if (approvals is null)
            {
                return Approvals.ApprovalPolicy.None;
            }

            if (approvals.Required is null or < 1 or > 5)
            {
                throw new ContractPathException("safety.approvals.required", "must be a whole number from 1 to 5 (leave safety.approvals out when no approval is needed)");
            }

            var signers = approvals.TrustedSigners ?? new List<string>();
            for (var i = 0; i < signers.Count; i++)
            {
                var thumbprint = signers[i]?.Replace(" ", string.Empty) ?? string.Empty;
                if (thumbprint.Length != 40 || !thumbprint.All(Uri.IsHexDigit))
                {
                    throw new ContractPathException($"safety.approvals.trustedSigners[{i}]", "must be a certificate's SHA-1 thumbprint (40 hex digits)");
                }
            }

            return new Approvals.ApprovalPolicy(approvals.Required.Value, approvals.DistinctFromAuthor ?? true, approvals.OnlyWhenRisky ?? false, signers);
        }
    }
}
