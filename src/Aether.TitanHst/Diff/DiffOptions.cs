using System;
using System.Collections.Generic;

namespace Aether.TitanHst.Diff
{
    /// <summary>How a diff is computed.</summary>
    public sealed class DiffOptions
    {
        /// <summary>Also return NoChange changes (they are always counted).</summary>
        public bool IncludeNoChange { get; set; }

        /// <summary>
        /// Without <see cref="IncludeNoChange"/>: keep each unchanged person's record and TitanHST record in
        /// <see cref="DiffResult.Unchanged"/> instead of a NoChange change, so a caller needing a few of those
        /// (the contract preview) builds only those, not one per person. The other NoChange changes (a record already
        /// inactive, a person left alone) are returned built, as with <see cref="IncludeNoChange"/>.
        /// </summary>
        internal bool DeferNoChange { get; set; }

        /// <summary>
        /// With <see cref="DeferNoChange"/>: room for this many deferred people, made once (the preview knows how many
        /// people its extraction walks; at 1M the list grown by doubling was tens of MiB of large arrays). 0: grown as met.
        /// </summary>
        internal int ExpectedPeople { get; set; }

        /// <summary>
        /// Narrows the diff to these match keys (already normalized or not: the contract's key rules are applied).
        /// Null for the whole district.
        /// </summary>
        public IReadOnlyCollection<string>? ExternalIds { get; set; }

        /// <summary>
        /// Reads TitanHST's side on a worker thread while the sources are read on the caller's (true by default).
        /// Off when both sides are already in memory and the caller runs diffs side by side itself.
        /// </summary>
        public bool ReadTargetAlongside { get; set; } = true;

        /// <summary>
        /// Runs on the caller's thread, every <see cref="WaitInterval"/>, while the diff waits for TitanHST's side
        /// (read alongside): the place to report the target's progress from the thread that may report it.
        /// </summary>
        public Action? WhileWaitingForTarget { get; set; }

        /// <summary>
        /// Runs on the caller's thread once TitanHST's side is read and indexed, before the first person is compared,
        /// with the index the diff compares against: the validation's counts and spot check read the same records.
        /// </summary>
        internal Action<TargetIndex>? WhenTargetRead { get; set; }

        /// <summary>How often <see cref="WhileWaitingForTarget"/> runs.</summary>
        public TimeSpan WaitInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    }
}
