using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Diff;
using Aether.TitanHst.Reporting;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// One person whose outcome differs between two contracts run over the same exports (and the same TitanHST
    /// state, when given). Flat text properties, neutralized for spreadsheets, so <c>Export-Csv</c> gives one
    /// readable row per person; the structured field differences are behind <see cref="GetFieldDifferences"/>.
    /// </summary>
    public sealed class ContractOutcomeDifference
    {
        private readonly IReadOnlyList<ContractFieldDifference> _fields;

        internal ContractOutcomeDifference(string externalId, ContractDifferenceKind kind, PersonOutcome reference, PersonOutcome difference,
            IReadOnlyList<ContractFieldDifference> fields, StaffChange? referenceChange, StaffChange? differenceChange, string? site, string? role)
        {
            ExternalId = SpreadsheetSafe.Text(externalId) ?? string.Empty;
            Kind = kind;
            Reference = SpreadsheetSafe.Text(reference.ToString()) ?? string.Empty;
            Difference = SpreadsheetSafe.Text(difference.ToString()) ?? string.Empty;
            ReferenceOutcome = reference.Kind;
            DifferenceOutcome = difference.Kind;
            _fields = fields;
            ReferenceAction = referenceChange?.Action;
            DifferenceAction = differenceChange?.Action;
            ReferenceRisk = referenceChange?.Risk ?? RiskFlags.None;
            DifferenceRisk = differenceChange?.Risk ?? RiskFlags.None;
            ReferenceChanges = SpreadsheetSafe.Text(referenceChange?.Changes) ?? string.Empty;
            DifferenceChanges = SpreadsheetSafe.Text(differenceChange?.Changes) ?? string.Empty;
            Site = SpreadsheetSafe.Text(site);
            Role = SpreadsheetSafe.Text(role);
        }

        /// <summary>The person's match key.</summary>
        public string ExternalId { get; }

        /// <summary>Every way the outcome differs, e.g. "FieldChanged, TargetChangeDiffers".</summary>
        public ContractDifferenceKind Kind { get; }

        /// <summary>The kinds as text, for CSV and JSON (never a number).</summary>
        public string Kinds => Kind.ToString();

        public PersonOutcomeKind ReferenceOutcome { get; }

        public PersonOutcomeKind DifferenceOutcome { get; }

        /// <summary>The outcome under the reference contract, with the reason ("OutOfScope (status in [A])").</summary>
        public string Reference { get; }

        /// <summary>The outcome under the difference contract, with the reason.</summary>
        public string Difference { get; }

        /// <summary>The canonical field differences as one line: "role: 'TEACH' → 'COUNSEL'".</summary>
        public string Fields => SpreadsheetSafe.Text(string.Join("; ", _fields.Select(f => f.ToString()))) ?? string.Empty;

        /// <summary>With a target: the action the reference contract's diff would take (null without a target or without a change).</summary>
        public ChangeAction? ReferenceAction { get; }

        /// <summary>With a target: the action the difference contract's diff would take.</summary>
        public ChangeAction? DifferenceAction { get; }

        public RiskFlags ReferenceRisk { get; }

        public RiskFlags DifferenceRisk { get; }

        /// <summary>With a target: the field changes the reference contract would write.</summary>
        public string ReferenceChanges { get; }

        /// <summary>With a target: the field changes the difference contract would write.</summary>
        public string DifferenceChanges { get; }

        /// <summary>The person's site under the new contract (else the old one), for grouping.</summary>
        public string? Site { get; }

        /// <summary>The person's role under the new contract (else the old one), for grouping.</summary>
        public string? Role { get; }

        /// <summary>The canonical fields whose values differ.</summary>
        public IReadOnlyList<ContractFieldDifference> GetFieldDifferences() => _fields;

        public override string ToString() => $"{ExternalId}: {Kind}";
    }
}
