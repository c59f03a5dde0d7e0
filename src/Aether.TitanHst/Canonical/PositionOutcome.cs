using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// What a person's position rows give: the assignments' canonical text and primary, which row of each source is
    /// the primary's, and where each assignment came from. One per resolver, filled again for every person: the
    /// record builder reads it before the next person is resolved and keeps only its strings and its rows.
    /// </summary>
    internal sealed class PositionOutcome
    {
        /// <summary>False when a position row could not be read with confidence (the issues say why).</summary>
        internal bool Resolved { get; private set; }

        /// <summary>The assignments' canonical text (decision 0011); null when the person has no current position.</summary>
        internal string? AssignmentsText { get; private set; }

        /// <summary>The primary assignment's site code; null when the person has no current position.</summary>
        internal string? PrimarySite { get; private set; }

        /// <summary>The primary assignment's role code; null when the person has no current position.</summary>
        internal string? PrimaryRole { get; private set; }

        /// <summary>Per source index: the row other fields are read from (the primary position's row when the source has it); null when the source has no row.</summary>
        internal SourceRow?[] ScalarRows { get; private set; } = Array.Empty<SourceRow?>();

        /// <summary>The assignment slots, in the order each first appeared (set when resolved).</summary>
        internal string[] Slots { get; private set; } = Array.Empty<string>();

        /// <summary>
        /// Slot index, source index and line of each current position's row (set when resolved): the resolver's
        /// scratch, read by <see cref="AssignmentRows.Of"/> before the next person.
        /// </summary>
        internal List<int> SlotRows { get; private set; } = new();

        [MethodImpl(Hot.Path)]
        internal void Reset(int sourceCount)
        {
            Resolved = false;
            AssignmentsText = PrimarySite = PrimaryRole = null;
            Slots = Array.Empty<string>();
            if (ScalarRows.Length != sourceCount)
            {
                ScalarRows = new SourceRow?[sourceCount];
            }
        }

        internal void ForgetRows() => Array.Clear(ScalarRows, 0, ScalarRows.Length);

        [MethodImpl(Hot.Path)]
        internal void Resolve(string? text, string? primarySite, string? primaryRole, string[] slots, List<int> slotRows)
        {
            Resolved = true;
            AssignmentsText = text;
            PrimarySite = primarySite;
            PrimaryRole = primaryRole;
            Slots = slots;
            SlotRows = slotRows;
        }
    }
}
