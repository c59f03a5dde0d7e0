using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// Compares canonical source records with TitanHST's records, by the contract's match key, over owned fields
    /// only, and marks every change with its risks and the safety policy's verdict.
    /// </summary>
    /// <remarks>
    /// A person the sources know but could not build (an unmapped code, a duplicate key) becomes a Conflict and is
    /// never deactivated: a broken export row must not look like a departure. A person skipped by policy is left
    /// alone in TitanHST for the same reason.
    /// </remarks>
    public sealed class DiffEngine
    {
        private readonly MappingContract _contract;
        private readonly ChangeBuilder _builder;

        public DiffEngine(MappingContract contract, DiffIdentity? identity = null)
        {
            _contract = contract;
            Identity = identity ?? DiffIdentity.New(contract);
            _builder = new ChangeBuilder(contract, Identity);
        }

        public DiffIdentity Identity { get; }

        public DiffResult Compute(IEnumerable<ExtractItem> sources, IEnumerable<TargetStaffRecord> target, DiffOptions? options = null) =>
            Compute(sources, _ => target, options);

        /// <summary>
        /// The diff, with TitanHST's side read by <paramref name="readTarget"/>: called once, on a worker thread when
        /// the target is read alongside the sources; its token is cancelled when the diff fails before the target is
        /// read, so a live read can stop its request in flight.
        /// </summary>
        public DiffResult Compute(IEnumerable<ExtractItem> sources, Func<CancellationToken, IEnumerable<TargetStaffRecord>> readTarget, DiffOptions? options = null)
        {
            options ??= new DiffOptions();
            var wanted = Wanted(options);

            using var items = sources.GetEnumerator();
            var early = new List<ExtractItem>();
            var more = true;
            TargetIndex index;
            if (options.ReadTargetAlongside)
            {
                index = ReadAlongside(items, early, ref more, readTarget, wanted, options);
            }
            else
            {
                index = new TargetIndex(_contract, readTarget(CancellationToken.None), wanted);
            }

            options.WhenTargetRead?.Invoke(index);
            var run = new DiffRun(_contract, _builder, Identity, index, options, wanted);
            foreach (var item in early)
            {
                run.Consider(item);
            }

            while (more && items.MoveNext())
            {
                run.Consider(items.Current);
            }

            return run.Finish();
        }

        /// <summary>
        /// A diff against <paramref name="target"/> that is handed the sources' items one at a time
        /// (<see cref="DiffRun.Consider"/>) instead of pulling them: the contract preview feeds each contract's diff as
        /// its extraction makes the items. <see cref="DiffRun.Finish"/> gives what <see cref="Compute(IEnumerable{ExtractItem}, IEnumerable{TargetStaffRecord}, DiffOptions?)"/>
        /// would have for the same items.
        /// </summary>
        internal DiffRun Start(TargetTable target, DiffOptions options)
        {
            var wanted = Wanted(options);
            var index = new TargetIndex(_contract, target, wanted);
            options.WhenTargetRead?.Invoke(index);
            return new DiffRun(_contract, _builder, Identity, index, options, wanted);
        }

        /// <summary>
        /// The NoChange <see cref="Compute(IEnumerable{ExtractItem}, IEnumerable{TargetStaffRecord}, DiffOptions?)"/>
        /// would have returned with <see cref="DiffOptions.IncludeNoChange"/> for a person it deferred: the same
        /// builder's Match, then the same safety marks. A NoChange's marks depend on no other change (it carries no
        /// risk, so no threshold counts or blocks it, and writes no value), so marking it alone gives the same marks.
        /// </summary>
        internal StaffChange NoChange(UnchangedPerson person)
        {
            var change = _builder.Match(person.Record, person.Target);
            ChangeSafety.Mark(new[] { change }, _contract, Identity.ManagedActive ?? 0);
            return change;
        }

        /// <summary>
        /// Starts the target's index on a worker, reads the sources up to their first person (the extractor reads every
        /// export before it; what comes before, row problems and duplicates, is kept in <paramref name="early"/>), then
        /// waits for the index. When the sources fail first, the worker is stopped and waited for; its own failure,
        /// if it had one, is reported instead, as when the target was read before the sources.
        /// </summary>
        private TargetIndex ReadAlongside(IEnumerator<ExtractItem> items, List<ExtractItem> early, ref bool more,
            Func<CancellationToken, IEnumerable<TargetStaffRecord>> readTarget, Func<string, bool> wanted, DiffOptions options)
        {
            using var worker = new TargetReadWorker<TargetIndex>(readTarget, records => new TargetIndex(_contract, records, wanted));
            try
            {
                while (more = items.MoveNext())
                {
                    early.Add(items.Current);
                    if (items.Current.Record is not null)
                    {
                        break;
                    }
                }
            }
            catch
            {
                worker.StopAfterFailure();
                throw;
            }

            return worker.Join(options.WhileWaitingForTarget, options.WaitInterval);
        }

        /// <summary>Whether a key is in the diff: every key, or those of <see cref="DiffOptions.ExternalIds"/> normalized by the contract's key rules.</summary>
        private Func<string, bool> Wanted(DiffOptions options)
        {
            if (options.ExternalIds is null)
            {
                return static _ => true;
            }

            var wantedKeys = new HashSet<string>(options.ExternalIds.Select(k => _contract.Join.KeyRules.Apply(k).Value), KeyHash.Comparer);
            return wantedKeys.Contains;
        }
    }
}
