using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Reporting
{
    /// <summary>
    /// The report's PII rule in one place: a field's value appears only when the contract marks the field
    /// <c>reportable</c>; without a contract nothing is reportable. Free text (failure reasons, block reasons,
    /// conflict explanations) is cleaned of every value of a non-reportable field the run knows of, of anything
    /// shaped like an email address, and of URL schemes, since a server message may echo what it was sent.
    /// </summary>
    public sealed class ReportPrivacy
    {
        private const string Hidden = "[hidden]";
        private static readonly Regex Email = new(@"[^\s'""<>()\[\],;:]+@[^\s'""<>()\[\],;:]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant);
        private static readonly Regex Scheme = new(@"\b[A-Za-z][A-Za-z0-9+.-]*://", RegexOptions.CultureInvariant);

        private readonly HashSet<string> _reportable;
        private readonly Regex? _secrets;

        private ReportPrivacy(HashSet<string> reportable, string? siteField, string? roleField, IEnumerable<string> secretValues)
        {
            _reportable = reportable;
            SiteField = siteField is not null && reportable.Contains(siteField) ? siteField : null;
            RoleField = roleField is not null && reportable.Contains(roleField) ? roleField : null;

            // Longest first, so "Ana Peña" goes before "Ana"; whole words only, so a short name does not eat other words.
            var values = secretValues.Where(v => v.Trim().Length >= 2).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(v => v.Length).Select(Regex.Escape).ToList();
            _secrets = values.Count == 0 ? null : new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join("|", values) + @")(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        /// <summary>The fields whose values may appear, in the contract's order.</summary>
        public IReadOnlyList<string> ReportableFields => _reportable.ToList();

        /// <summary>The review site field, when it is reportable; otherwise null and the report shows no sites.</summary>
        public string? SiteField { get; }

        /// <summary>The review role field, when it is reportable; otherwise null and the report shows no roles.</summary>
        public string? RoleField { get; }

        /// <summary>The rule for a run's changes under a contract (null: nothing is reportable).</summary>
        public static ReportPrivacy For(MappingContract? contract, IEnumerable<StaffChange> changes)
        {
            var reportable = new HashSet<string>(contract?.Fields.Where(f => f.Reportable).Select(f => f.Name) ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
            var secrets = new List<string>();
            foreach (var change in changes)
            {
                // The display name is made of review fields that are personal data in any contract we know of.
                if (change.DisplayName is not null)
                {
                    secrets.Add(change.DisplayName);
                    secrets.AddRange(change.DisplayName.Split(' '));
                }

                secrets.AddRange(change.GetDesiredFields().Where(p => !reportable.Contains(p.Key) && p.Value is not null).Select(p => p.Value!));
                foreach (var field in change.GetFieldChanges().Where(f => !reportable.Contains(f.Field)))
                {
                    secrets.AddRange(new[] { field.Old, field.New }.Where(v => v is not null).Select(v => v!));
                }
            }

            return new ReportPrivacy(reportable, contract?.Policies.Review.SiteField, contract?.Policies.Review.RoleField, secrets);
        }

        public bool IsReportable(string field) => _reportable.Contains(field);

        /// <summary>Free text made safe to show: no known non-reportable value, no email address, no URL scheme.</summary>
        public string Clean(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            var clean = _secrets?.Replace(text, Hidden) ?? text!;
            clean = Email.Replace(clean, Hidden);
            return Scheme.Replace(clean, string.Empty);
        }

        /// <summary>The change's site, when sites are reportable.</summary>
        public string? Site(StaffChange change) => SiteField is null ? null : change.Site;

        /// <summary>The change's role, when roles are reportable.</summary>
        public string? Role(StaffChange change) => RoleField is null ? null : change.Role;

        /// <summary>"roleCode: TCH → ADM; email": values for reportable fields, names alone for the rest.</summary>
        public string Fields(StaffChange change) => string.Join("; ", change.GetFieldChanges().Select(f =>
            IsReportable(f.Field) ? $"{f.Field}: {f.Old ?? "(blank)"} → {f.New ?? "(blank)"}" : f.Field));

        /// <summary>A base URI shown as text: host and path without the scheme, so nothing in the report is a link.</summary>
        public static string HostText(string target) =>
            Uri.TryCreate(target, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
                ? (uri.Authority + uri.AbsolutePath).TrimEnd('/')
                : Scheme.Replace(target, string.Empty).TrimEnd('/');
    }
}
