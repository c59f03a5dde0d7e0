using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// What a create, match or removal change's explanation is written from, kept until someone reads
    /// <see cref="StaffChange.Explanation"/>: most changes of a large diff are counted, compared or applied and never
    /// shown, and their text (a few hundred characters each, 190k changes at 1M staff) was most of what a change held.
    /// </summary>
    /// <remarks>Holds only what the text needs, never the record: the rows as numbers, the names and ids as given.</remarks>
    internal sealed class ChangeExplanation
    {
        private readonly Kind _kind;
        private readonly ChangeAction _action;
        private readonly IReadOnlyList<FieldChange> _changes;
        private readonly string? _targetId;
        private readonly string _matchKeyField;
        private readonly string _key;
        private readonly IReadOnlyList<SourceRowReference> _rows;
        private readonly AssignmentRows? _assignmentRows;
        private readonly string? _reason;

        private ChangeExplanation(Kind kind, ChangeAction action, IReadOnlyList<FieldChange> changes, string? targetId, string matchKeyField, string key,
            IReadOnlyList<SourceRowReference> rows, AssignmentRows? assignmentRows, string? reason)
        {
            _kind = kind;
            _action = action;
            _changes = changes;
            _targetId = targetId;
            _matchKeyField = matchKeyField;
            _key = key;
            _rows = rows;
            _assignmentRows = assignmentRows;
            _reason = reason;
        }

        private enum Kind : byte
        {
            Create,
            Match,
            Removal,
        }

        /// <summary>A create's explanation.</summary>
        internal static ChangeExplanation Create(string matchKeyField, CanonicalStaffRecord record) =>
            new(Kind.Create, ChangeAction.Create, Array.Empty<FieldChange>(), null, matchKeyField, record.ExternalId, record.Provenance, record.AssignmentRows, null);

        /// <summary>A matched person's explanation (update, reactivate or no change).</summary>
        internal static ChangeExplanation Match(ChangeAction action, IReadOnlyList<FieldChange> changes, string targetId, string matchKeyField, CanonicalStaffRecord record) =>
            new(Kind.Match, action, changes, targetId, matchKeyField, record.ExternalId, record.Provenance, record.AssignmentRows, null);

        /// <summary>A removal's explanation: <paramref name="reason"/> is the marker's (out of scope), null when the person is in no export.</summary>
        internal static ChangeExplanation Removal(ChangeAction action, string targetId, string matchKeyField, string key, string? reason, IReadOnlyList<SourceRowReference> rows) =>
            new(Kind.Removal, action, Array.Empty<FieldChange>(), targetId, matchKeyField, key, rows, null, reason);

        // One builder per thread for the texts, as the change builder had.
        [ThreadStatic]
        private static StringBuilder? _text;

        /// <summary>The text (what the change builder used to write when it made the change).</summary>
        internal string Write()
        {
            var text = _text ??= new StringBuilder(512);
            text.Clear();
            switch (_kind)
            {
                case Kind.Create:
                    text.Append("Create: in scope in the sources (");
                    AppendRows(text, _rows);
                    text.Append(") and TitanHST has no record with ").Append(_matchKeyField).Append(' ').Append(_key);
                    AppendAssignmentRows(text, _assignmentRows);
                    text.Append('.');
                    break;
                case Kind.Match:
                    WriteMatch(text, _action, _changes, _targetId!, _matchKeyField, _key, _rows, _assignmentRows);
                    break;
                default:
                    WriteRemoval(text, _action, _targetId!, _matchKeyField, _key, _reason, _rows);
                    break;
            }

            return text.ToString();
        }

        private static void WriteMatch(StringBuilder text, ChangeAction action, IReadOnlyList<FieldChange> changes, string targetId, string matchKeyField, string key,
            IReadOnlyList<SourceRowReference> rows, AssignmentRows? assignmentRows)
        {
            if (action == ChangeAction.Reactivate)
            {
                text.Append("Reactivate");
                if (changes.Count > 0)
                {
                    text.Append(" and updates ");
                    AppendFields(text, changes);
                }

                text.Append(": the TitanHST record is inactive but the person is in scope again; ");
            }
            else if (action == ChangeAction.NoChange)
            {
                text.Append("No change: every owned field matches; ");
            }
            else
            {
                text.Append("Update ");
                AppendFields(text, changes);
                text.Append(": owned fields differ after normalization; ");
            }

            text.Append("matched TitanHST ").Append(targetId).Append(" by ").Append(matchKeyField).Append(' ').Append(key).Append("; sources ");
            AppendRows(text, rows);
            AppendAssignmentRows(text, assignmentRows);
            text.Append('.');
        }

        private static void WriteRemoval(StringBuilder text, ChangeAction action, string targetId, string matchKeyField, string key, string? reason, IReadOnlyList<SourceRowReference> rows)
        {
            if (action == ChangeAction.NoChange)
            {
                text.Append("No change: TitanHST ").Append(targetId).Append(" is already inactive and ");
            }
            else
            {
                text.Append(action == ChangeAction.Delete ? "Delete TitanHST " : "Deactivate TitanHST ").Append(targetId)
                    .Append(" (").Append(matchKeyField).Append(' ').Append(key).Append("): ");
            }

            if (reason is null)
            {
                text.Append("the person is no longer in any source export");
            }
            else
            {
                text.Append("the person is ").Append(reason).Append(" (");
                AppendRows(text, rows);
                text.Append(')');
            }

            text.Append(action == ChangeAction.Delete ? "; the contract removes by deleting (safety.removal)." : ".");
        }

        /// <summary>
        /// Writes "; assignments LHS/TEACHER from hr:12, aeriesSchools:4; LMS/TEACHER from hr:13", or nothing. A record
        /// has assignment sources only through its assignment rows (<see cref="CanonicalStaffRecord.AssignmentSources"/>).
        /// </summary>
        private static void AppendAssignmentRows(StringBuilder text, AssignmentRows? rows)
        {
            if (rows is { SlotCount: > 0 })
            {
                rows.AppendSlotsTo(text.Append("; assignments "));
            }
        }

        /// <summary>Writes the source rows as "hr:12, aeries:4", or "no source rows".</summary>
        [MethodImpl(Hot.Path)]
        private static void AppendRows(StringBuilder text, IReadOnlyList<SourceRowReference> rows)
        {
            if (rows.Count == 0)
            {
                text.Append("no source rows");
            }
            else if (rows is SourceRowReferences compact)
            {
                compact.AppendTo(text, ", ");
            }
            else
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    text.Append(i > 0 ? ", " : string.Empty).Append(rows[i]);
                }
            }
        }

        private static void AppendFields(StringBuilder text, IReadOnlyList<FieldChange> changes)
        {
            for (var i = 0; i < changes.Count; i++)
            {
                text.Append(i > 0 ? ", " : string.Empty).Append(changes[i].Field);
            }
        }
    }
}
