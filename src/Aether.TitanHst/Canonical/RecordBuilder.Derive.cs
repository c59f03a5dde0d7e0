using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Normalization;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// A record derived from another contract's (Compare-MappingContract, for two contracts that differ only in some
    /// fields' definitions): the rows a build read its fields from are kept for it, and only those fields are resolved.
    /// </summary>
    internal sealed partial class RecordBuilder
    {
        /// <summary>
        /// Keeps, after each build, the row each source's fields were read from (<see cref="FieldRows"/>), so another
        /// contract's builder can derive its record from this one's (<see cref="Derive"/>) without resolving positions
        /// again. Whoever reads them clears them (<see cref="ForgetFieldRows"/>): they hold the exports alive.
        /// </summary>
        internal bool KeepFieldRows { get; set; }

        /// <summary>The rows the last built record's fields were read from (see <see cref="KeepFieldRows"/>).</summary>
        internal SourceRow?[] FieldRows { get; private set; } = Array.Empty<SourceRow?>();

        internal void ForgetFieldRows() => Array.Clear(FieldRows, 0, FieldRows.Length);

        /// <summary>Keeps the rows this person's fields are read from, when <see cref="KeepFieldRows"/> asks for them.</summary>
        [MethodImpl(Hot.Path)]
        private void KeepRows(SourceRow?[] rows)
        {
            if (!KeepFieldRows)
            {
                return;
            }

            if (FieldRows.Length != rows.Length)
            {
                FieldRows = new SourceRow?[rows.Length];
            }

            Array.Copy(rows, FieldRows, rows.Length);
        }

        /// <summary>
        /// This contract's record for a person another contract built as <paramref name="built"/> from the same
        /// <paramref name="rows"/>, when the two contracts differ only in the definitions of <paramref name="fields"/>
        /// (none of them read by scope, conflict rules or positions: see Preview/FieldOnlyEdit): those fields resolved
        /// by this contract's rules, every other value taken as built. <paramref name="built"/> itself when the fields
        /// come out the same; null when any of them raises an issue or fails, for the caller to build the person in full.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal CanonicalStaffRecord? Derive(CanonicalStaffRecord built, int[] fields, string key, SourceRow?[] rows, List<ExtractIssue> issues)
        {
            string?[]? values = null;
            for (var f = 0; f < fields.Length; f++)
            {
                var index = fields[f];
                var (value, kind) = Resolve(index, key, rows, issues);
                if (kind != RuleOutcomeKind.Value || issues.Count > 0)
                {
                    return null;
                }

                if (!string.Equals(value, built.ValueAt(index), StringComparison.Ordinal))
                {
                    (values ??= built.CopyValues())[index] = value;
                }
            }

            return values is null ? built : new CanonicalStaffRecord(key, _schema, values, built.Provenance) { AssignmentRows = built.AssignmentRows };
        }
    }
}
