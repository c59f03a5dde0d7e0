namespace Aether.TitanHst.Conformance
{
    /// <summary>
    /// One rule of docs/titanhst-api.md checked against a live TitanHST. Request and ResponseSummary describe the
    /// exchange without secrets, tokens or record contents; ReliedOnFor says what the connector needs the rule for,
    /// so a failure reads as "this is what breaks".
    /// </summary>
    public sealed class ConformanceResult
    {
        public ConformanceResult(string section, string rule, ConformanceOutcome outcome, string request, string responseSummary,
            string reliedOnFor, string detail)
        {
            Section = section;
            Rule = rule;
            _outcome = outcome;
            Request = request;
            ResponseSummary = responseSummary;
            ReliedOnFor = reliedOnFor;
            Detail = detail;
        }

        /// <summary>The section of docs/titanhst-api.md, e.g. "4.4".</summary>
        public string Section { get; }

        /// <summary>The rule, as the document states it.</summary>
        public string Rule { get; }

        private readonly ConformanceOutcome _outcome;

        /// <summary>Pass, Fail, Skipped or Inconclusive, as text; typed through <see cref="GetOutcome"/>.</summary>
        public string Outcome => _outcome.ToString();

        /// <summary>The outcome, typed (a method, so it never serializes as a number).</summary>
        public ConformanceOutcome GetOutcome() => _outcome;

        /// <summary>The request that checked it (method, path; header values only where they are the point).</summary>
        public string Request { get; }

        /// <summary>Status, problem slug and the headers that matter; never a body's personal data.</summary>
        public string ResponseSummary { get; }

        /// <summary>What the connector relies on this rule for.</summary>
        public string ReliedOnFor { get; }

        /// <summary>Why it failed, was skipped or is inconclusive; empty on a pass.</summary>
        public string Detail { get; }

        /// <summary>Whether a failure of this rule stops the connector (true) or is an adapter change or cosmetic (false).</summary>
        public bool Blocking { get; internal set; } = true;

        public override string ToString() => $"{_outcome} §{Section} {Rule}";
    }
}
