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
            _kind = kind;
            Reference = SpreadsheetSafe.Text(reference.ToString()) ?? string.Empty;
            Difference = SpreadsheetSafe.Text(difference.ToString()) ?? string.Empty;
            _referenceOutcome = reference.Kind;
            _differenceOutcome = difference.Kind;
            _fields = fields;
            _referenceAction = referenceChange?.GetAction();
            _differenceAction = differenceChange?.GetAction();
            _referenceRisk = referenceChange?.GetRisk() ?? RiskFlags.None;
            _differenceRisk = differenceChange?.GetRisk() ?? RiskFlags.None;
            ReferenceHold = Hold(referenceChange);
            DifferenceHold = Hold(differenceChange);
            ReferenceChanges = SpreadsheetSafe.Text(referenceChange?.Changes) ?? string.Empty;
            DifferenceChanges = SpreadsheetSafe.Text(differenceChange?.Changes) ?? string.Empty;
            Site = SpreadsheetSafe.Text(site);
            Role = SpreadsheetSafe.Text(role);
        }

        /// <summary>The person's match key.</summary>
        public string ExternalId { get; }

        // The typed values sit behind methods: a public enum property would serialize as a number in ConvertTo-Json.
        private readonly ContractDifferenceKind _kind;
        private readonly PersonOutcomeKind _referenceOutcome;
        private readonly PersonOutcomeKind _differenceOutcome;
        private readonly ChangeAction? _referenceAction;
        private readonly ChangeAction? _differenceAction;
        private readonly RiskFlags _referenceRisk;
        private readonly RiskFlags _differenceRisk;

        /// <summary>Every way the outcome differs, as text: "FieldChanged, TargetChangeDiffers".</summary>
        public string Kind => _kind.ToString();

        /// <summary>The same as Kind (kept for scripts written against earlier versions).</summary>
        public string Kinds => _kind.ToString();

        /// <summary>The difference kinds, typed.</summary>
        public ContractDifferenceKind GetKind() => _kind;

        /// <summary>The person's outcome under the reference contract (Synced, OutOfScope, ...), as text.</summary>
        public string ReferenceOutcome => _referenceOutcome.ToString();

        /// <summary>The person's outcome under the difference contract, as text.</summary>
        public string DifferenceOutcome => _differenceOutcome.ToString();

        public PersonOutcomeKind GetReferenceOutcome() => _referenceOutcome;

        public PersonOutcomeKind GetDifferenceOutcome() => _differenceOutcome;

        /// <summary>The outcome under the reference contract, with the reason ("OutOfScope (status in [A])").</summary>
        public string Reference { get; }

        /// <summary>The outcome under the difference contract, with the reason.</summary>
        public string Difference { get; }

        /// <summary>The canonical field differences as one line: "role: 'TEACH' → 'COUNSEL'".</summary>
        public string Fields => SpreadsheetSafe.Text(string.Join("; ", _fields.Select(f => f.ToString()))) ?? string.Empty;

        /// <summary>With a target: the action the reference contract's diff would take (null without a target or without a change).</summary>
        public string? ReferenceAction => _referenceAction?.ToString();

        /// <summary>With a target: the action the difference contract's diff would take.</summary>
        public string? DifferenceAction => _differenceAction?.ToString();

        /// <summary>The risks of the reference contract's change, as text ("None" without a change).</summary>
        public string ReferenceRisk => _referenceRisk.ToString();

        /// <summary>The risks of the difference contract's change, as text.</summary>
        public string DifferenceRisk => _differenceRisk.ToString();

        public ChangeAction? GetReferenceAction() => _referenceAction;

        public ChangeAction? GetDifferenceAction() => _differenceAction;

        public RiskFlags GetReferenceRisk() => _referenceRisk;

        public RiskFlags GetDifferenceRisk() => _differenceRisk;

        /// <summary>
        /// With a target: whether the reference contract's safety policy holds the change back or blocks it, and why
        /// ("Blocked: 2 role changes exceed the limit of 0"); empty when neither. A relaxed or tightened threshold, or
        /// additions-only mode, changes only this: without it a row would say "differs" with nothing that differs.
        /// </summary>
        public string ReferenceHold { get; }

        /// <summary>With a target: the same under the difference contract.</summary>
        public string DifferenceHold { get; }

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

        public override string ToString() => $"{ExternalId}: {_kind}";

        private static string Hold(StaffChange? change) => change switch
        {
            { HeldBack: true } => SpreadsheetSafe.Text("HeldBack: " + (change.BlockReason ?? "held back")) ?? string.Empty,
            { Blocked: true } => SpreadsheetSafe.Text("Blocked: " + (change.BlockReason ?? "blocked")) ?? string.Empty,
            _ => string.Empty,
        };
    }
}
