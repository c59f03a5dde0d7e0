using System;
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

        /// <summary>Per assignment slot (SITE/ROLE): the source rows it was built from; null unless resolved.</summary>
        internal AssignmentRows? Sources { get; private set; }

        [MethodImpl(Hot.Path)]
        internal void Reset(int sourceCount)
        {
            Resolved = false;
            AssignmentsText = PrimarySite = PrimaryRole = null;
            Sources = null;
            if (ScalarRows.Length != sourceCount)
            {
                ScalarRows = new SourceRow?[sourceCount];
            }
        }

        internal void ForgetRows() => Array.Clear(ScalarRows, 0, ScalarRows.Length);

        [MethodImpl(Hot.Path)]
        internal void Resolve(string? text, string? primarySite, string? primaryRole, AssignmentRows sources)
        {
            Resolved = true;
            AssignmentsText = text;
            PrimarySite = primarySite;
            PrimaryRole = primaryRole;
            Sources = sources;
        }
    }
}
