using System;
using System.Collections.Generic;
using System.Linq;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Reporting;
using Aether.TitanHst.Safety;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// One reviewable change: what would happen to one person in TitanHST, why, and everything the apply step
    /// needs to do exactly that and nothing else (the ETag seen, the values to write, the contract it came from).
    /// </summary>
    /// <remarks>
    /// Its properties are flat text made for review: <c>Export-Csv</c> gives one readable row, and text a
    /// spreadsheet would run as a formula is neutralized. The structured field changes and the values to write are
    /// behind <see cref="GetFieldChanges"/> and <see cref="GetDesiredFields"/>, so they never flatten into a CSV.
    /// </remarks>
    public sealed class StaffChange
    {
        private readonly IReadOnlyList<FieldChange> _fieldChanges;
        private readonly IReadOnlyDictionary<string, string?> _desired;
        private readonly string _externalId;

        internal StaffChange(ChangeAction action, string externalId, string? targetId, string? etag, string? displayName, string? site, string? role,
            IReadOnlyList<FieldChange> fieldChanges, IReadOnlyDictionary<string, string?> desired, RiskFlags risk, string explanation,
            IReadOnlyList<SourceRowReference> sources, DiffIdentity identity)
            : this(action, externalId, targetId, etag, displayName, site, role, fieldChanges, desired, risk, explanation, null, sources, identity)
        {
        }

        // deferred: what the explanation is written from when first read; null when explanation is it.
        internal StaffChange(ChangeAction action, string externalId, string? targetId, string? etag, string? displayName, string? site, string? role,
            IReadOnlyList<FieldChange> fieldChanges, IReadOnlyDictionary<string, string?> desired, RiskFlags risk, string? explanation, ChangeExplanation? deferred,
            IReadOnlyList<SourceRowReference> sources, DiffIdentity identity)
        {
            _action = action;
            _externalId = externalId;
            TargetId = targetId;
            ETag = etag;
            DisplayName = SpreadsheetSafe.Text(displayName);
            Site = SpreadsheetSafe.Text(site);
            Role = SpreadsheetSafe.Text(role);
            _fieldChanges = fieldChanges;
            _desired = desired;
            _risk = risk;
            _explanation = deferred is null ? SpreadsheetSafe.Text(explanation) ?? string.Empty : null;
            _deferred = deferred;
            SourceRows = sources;
            Identity = identity;
        }

        private readonly ChangeAction _action;
        private RiskFlags _risk;

        // The explanation once written; until then (most changes are never shown) what it is written from.
        private readonly ChangeExplanation? _deferred;
        private string? _explanation;

        /// <summary>
        /// Create, Update, Reactivate, Deactivate, Delete, Conflict or NoChange, as text: ConvertTo-Json and
        /// Export-Csv write the name on every PowerShell. Code takes the typed value from <see cref="GetAction"/>.
        /// </summary>
        public string Action => _action.ToString();

        /// <summary>The action, typed (a method, so it never serializes as a number).</summary>
        public ChangeAction GetAction() => _action;

        /// <summary>
        /// The match key for review, spreadsheet-safe: a key a spreadsheet would run as a formula (<c>=HYPERLINK(...)</c>,
        /// possible only for a TitanHST record or a contract that allows formula keys) is prefixed with an apostrophe.
        /// Code that writes, journals or audits uses <see cref="GetExternalId"/>.
        /// </summary>
        public string ExternalId => SpreadsheetSafe.Text(_externalId)!;

        public string? DisplayName { get; }

        public string? Site { get; }

        public string? Role { get; }

        /// <summary>The risks as text ("RoleChange, SiteChange", or "None"); typed through <see cref="GetRisk"/>.</summary>
        public string Risk => _risk.ToString();

        /// <summary>The risks, typed (a method, so it never serializes as a number).</summary>
        public RiskFlags GetRisk() => _risk;

        internal RiskFlags RiskValue
        {
            get => _risk;
            set => _risk = value;
        }

        /// <summary>Over a safety threshold: apply refuses it unless overridden with a reason.</summary>
        public bool Blocked { get; internal set; }

        /// <summary>Held back by the contract's additions-only mode: shown, never applied while the mode is on.</summary>
        public bool HeldBack { get; internal set; }

        /// <summary>Why the change is blocked or held back, or null.</summary>
        public string? BlockReason { get; internal set; }

        /// <summary>The field changes as one line: "email: 'a@x.org' → 'b@x.org'; title: ...".</summary>
        public string Changes => SpreadsheetSafe.Text(string.Join("; ", _fieldChanges.Select(c => c.ToString()))) ?? string.Empty;

        /// <summary>Which source rows, contract rules and match produced this change (written when first read).</summary>
        public string Explanation
        {
            // Two threads reading it first write equal texts and either is kept; what it is written from stays, so
            // neither can find it gone.
            get => _explanation ??= SpreadsheetSafe.Text(_deferred!.Write()) ?? string.Empty;
        }

        /// <summary>The source rows, as "hr:12; aeries:40".</summary>
        public string Sources => SourceRows is SourceRowReferences rows ? rows.ToString("; ") : string.Join("; ", SourceRows.Select(s => s.ToString()));

        /// <summary>The TitanHST record's id; null for a create.</summary>
        public string? TargetId { get; }

        /// <summary>The TitanHST record's ETag as the diff saw it; apply sends it in If-Match.</summary>
        public string? ETag { get; }

        public string ContractId => Identity.ContractId;

        public string ContractVersion => Identity.ContractVersion;

        public string ContractHash => Identity.ContractHash;

        /// <summary>The diff run this change belongs to.</summary>
        public string DiffId => Identity.DiffId;

        public DateTimeOffset ComputedAt => Identity.ComputedAt;

        internal DiffIdentity Identity { get; }

        internal IReadOnlyList<SourceRowReference> SourceRows { get; }

        /// <summary>The diff this change belongs to: contract, sources, target (a method, so it never flattens into a CSV).</summary>
        public DiffIdentity GetIdentity() => Identity;

        /// <summary>The match key exactly as TitanHST holds it (or will): what apply writes, journals and audits.</summary>
        public string GetExternalId() => _externalId;

        /// <summary>The owned fields that differ (empty for Create, Deactivate, Delete, Conflict, NoChange).</summary>
        public IReadOnlyList<FieldChange> GetFieldChanges() => _fieldChanges;

        /// <summary>The values apply writes: every owned field for a Create, the changed fields for an Update or Reactivate.</summary>
        public IReadOnlyDictionary<string, string?> GetDesiredFields() => _desired;

        /// <summary>True when apply may act on this change without an override (not a conflict, not blocked, not held back).</summary>
        public bool IsApplicable => _action is not (ChangeAction.Conflict or ChangeAction.NoChange) && !Blocked && !HeldBack;

        public override string ToString() => $"{_action} {ExternalId}{(Changes.Length > 0 ? ": " + Changes : string.Empty)}";
    }
}
