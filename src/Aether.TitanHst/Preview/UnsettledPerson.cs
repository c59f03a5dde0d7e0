using System.Collections.Generic;
using Aether.TitanHst.Diff;

namespace Aether.TitanHst.Preview
{
    /// <summary>A person the contract comparison looks at further: what its pure part (on either thread) found, for the in-order part to report.</summary>
    internal readonly struct UnsettledPerson
    {
        public UnsettledPerson(int index, int newOrdinal, ContractDifferenceKind kind, IReadOnlyList<ContractFieldDifference> fields, PersonOutcome old, PersonOutcome now, bool bothUnchanged,
            bool changesPeeked, StaffChange? oldChange, StaffChange? newChange, bool sameChange)
        {
            NewOrdinal = newOrdinal;
            ChangesPeeked = changesPeeked;
            OldChange = oldChange;
            NewChange = newChange;
            SameChange = sameChange;
            Index = index;
            Kind = kind;
            Fields = fields;
            Old = old;
            Now = now;
            BothUnchanged = bothUnchanged;
        }

        public int Index { get; }

        /// <summary>The person's ordinal in the difference's collector (-1: not there).</summary>
        public int NewOrdinal { get; }

        public ContractDifferenceKind Kind { get; }

        public IReadOnlyList<ContractFieldDifference> Fields { get; }

        public PersonOutcome Old { get; }

        public PersonOutcome Now { get; }

        public bool BothUnchanged { get; }

        /// <summary>Whether both changes were had without building (then <see cref="OldChange"/>, <see cref="NewChange"/> and <see cref="SameChange"/> hold).</summary>
        public bool ChangesPeeked { get; }

        public StaffChange? OldChange { get; }

        public StaffChange? NewChange { get; }

        public bool SameChange { get; }
    }
}
