namespace Aether.TitanHst.Reporting
{
    /// <summary>One person's change as the report shows it: the match key and reportable values only.</summary>
    public sealed class ReportChangeRow
    {
        internal ReportChangeRow(string externalId, string action, string outcome, string? site, string? role, string fields, string reason, int? httpStatus)
        {
            ExternalId = externalId;
            Action = action;
            Outcome = outcome;
            Site = site;
            Role = role;
            Fields = fields;
            Reason = reason;
            HttpStatus = httpStatus;
        }

        /// <summary>The match key (TitanHST externalId): how a person is named in the report.</summary>
        public string ExternalId { get; }

        public string Action { get; }

        /// <summary>Succeeded, Failed, Stale, Skipped, or Pending.</summary>
        public string Outcome { get; }

        /// <summary>Null when the contract does not mark the site field reportable.</summary>
        public string? Site { get; }

        /// <summary>Null when the contract does not mark the role field reportable.</summary>
        public string? Role { get; }

        /// <summary>The fields changed: values for reportable fields, names alone for the rest.</summary>
        public string Fields { get; }

        /// <summary>Why (block reason, failure, conflict), cleaned of personal data.</summary>
        public string Reason { get; }

        public int? HttpStatus { get; }
    }
}
