using System;

namespace Aether.TitanHst.Target
{
    /// <summary>A kept snapshot's integrity is in doubt: the refresh is abandoned and TitanHST is read in full instead.</summary>
    internal sealed class KeptSnapshotDoubtException : Exception
    {
        internal KeptSnapshotDoubtException(string reason)
            : base("The kept snapshot cannot be trusted: " + reason + ".")
        {
            Reason = reason;
        }

        /// <summary>What was wrong, without any record's content.</summary>
        internal string Reason { get; }
    }
}
