using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
            var wantedKeys = options.ExternalIds is null
                ? null
                : new HashSet<string>(options.ExternalIds.Select(k => _contract.Join.KeyRules.Apply(k).Value), StringComparer.Ordinal);
            bool Wanted(string key) => wantedKeys is null || wantedKeys.Contains(key);

            using var items = sources.GetEnumerator();
            var early = new List<ExtractItem>();
            var more = true;
            TargetIndex index;
            if (options.ReadTargetAlongside)
            {
                index = ReadAlongside(items, early, ref more, readTarget, Wanted, options);
            }
            else
            {
                index = new TargetIndex(_contract, readTarget(CancellationToken.None), Wanted);
            }

            options.WhenTargetRead?.Invoke(index);

            var summary = new DiffSummary
            {
                CountedSourcesAndTarget = true,
                DiffId = Identity.DiffId,
                ContractId = _contract.Id,
                ContractVersion = _contract.Version,
                TargetRecords = index.Total,
                ManagedActive = index.ManagedActive,
                Unmanaged = index.Unmanaged,
                AdditionsOnly = _contract.Policies.Safety.AdditionsOnly,
            };
            var changes = new List<StaffChange>();
            var outOfScope = new Dictionary<string, SourceMarker>(StringComparer.Ordinal);
            var leftAlone = new Dictionary<string, ExtractIssue>(StringComparer.Ordinal);
            // The keys already handled: a flag per managed row for the keys TitanHST holds (most people; found by the
            // look-up the compare makes anyway), a set for the rest (creates, conflicts). One set of every key, sized
            // for the whole target, was an insert and a string hash per person.
            var handledRows = new bool[index.Total];
            var handledKeys = new Dictionary<string, bool>(StringComparer.Ordinal);
            bool Handle(string key, int row)
            {
                if (row >= 0)
                {
                    if (handledRows[row])
                    {
                        return false;
                    }

                    return handledRows[row] = true;
                }

                if (handledKeys.ContainsKey(key))
                {
                    return false;
                }

                handledKeys.Add(key, true);
                return true;
            }

            bool IsHandled(string key)
            {
                var row = index.RowOf(key);
                return row >= 0 ? handledRows[row] : handledKeys.ContainsKey(key);
            }

            var untrusted = new Dictionary<string, ExtractIssue>(StringComparer.Ordinal);
            var owned = new TargetFieldSelection(index.Table, _builder.OwnedNames);
            // Most people are unchanged: sized by the items when they are held (the preview's), not grown by doubling.
            var unchanged = options.DeferNoChange && !options.IncludeNoChange
                ? new List<UnchangedPerson>(sources is ICollection<ExtractItem> held ? held.Count : 0)
                : null;

            void Emit(StaffChange change)
            {
                summary.Add(change);
                // Deferring keeps the other NoChange changes (already inactive, left alone): few, and not deferred.
                if (change.GetAction() != ChangeAction.NoChange || options.IncludeNoChange || unchanged is not null)
                {
                    changes.Add(change);
                }
            }

            void Consider(ExtractItem item)
            {
                if (item.Record is { } record)
                {
                    if (!Wanted(record.ExternalId))
                    {
                        return;
                    }

                    summary.SourceRecords++;
                    if (leftAlone.Count > 0)
                    {
                        leftAlone.Remove(record.ExternalId);
                    }

                    // The one look-up of the person's key in TitanHST's records.
                    var row = index.RowOf(record.ExternalId);
                    Handle(record.ExternalId, row);
                    if (ForRecord(record, row, index, owned, options.IncludeNoChange) is { } change)
                    {
                        Emit(change);
                    }
                    else
                    {
                        // Unchanged and not asked for: counted, never built (most people, most nights).
                        summary.Add(ChangeAction.NoChange, null, null);
                        if (unchanged is not null)
                        {
                            // ForRecord took this very row: the one Match compared.
                            unchanged.Add(new UnchangedPerson(record, index.Table, row, changes.Count));
                        }
                    }
                }
                else if (item.Marker is { } marker && Wanted(marker.Key))
                {
                    if (marker.Kind == SourceMarkerKind.Conflict && Handle(marker.Key, index.RowOf(marker.Key)))
                    {
                        Emit(_builder.Conflict(marker.Key, index.Take(marker.Key) ?? index.OutOfReach(marker.Key), $"the sources disagree: {marker.Reason}", marker.Provenance));
                    }
                    else if (marker.Kind == SourceMarkerKind.OutOfScope)
                    {
                        // The person's standing is known: a warning about one of their values is no reason to leave them alone.
                        outOfScope[marker.Key] = marker;
                        leftAlone.Remove(marker.Key);
                    }
                }
                else if (item.Issue is { Key: null, CandidateKeys.Count: > 0 } untrustedRow)
                {
                    // A row read without confidence: none of its keys is trusted, and none of them may become a removal.
                    summary.SourceErrors++;
                    foreach (var candidate in untrustedRow.CandidateKeys)
                    {
                        if (!untrusted.ContainsKey(candidate))
                        {
                            untrusted.Add(candidate, untrustedRow);
                        }
                    }
                }
                else if (item.Issue is { Key: not null } issue && Wanted(issue.Key))
                {
                    if (issue.Severity == IssueSeverity.Error)
                    {
                        summary.SourceErrors++;
                        if (Handle(issue.Key, index.RowOf(issue.Key)))
                        {
                            var place = new[] { new SourceRowReference(issue.Source, issue.File, issue.Line) };
                            Emit(_builder.Conflict(issue.Key, index.Take(issue.Key) ?? index.OutOfReach(issue.Key), $"the source record cannot be built ({issue.ErrorId}: {issue.Message})", place));
                        }
                    }
                    else if (!IsHandled(issue.Key) && issue.ErrorId != ExtractErrorIds.TextCharactersRemoved)
                    {
                        // A stripped character changes no one's standing; the other warnings mean the person was skipped.
                        leftAlone[issue.Key] = issue;
                    }
                }
            }

            foreach (var item in early)
            {
                Consider(item);
            }

            while (more && items.MoveNext())
            {
                Consider(items.Current);
            }

            foreach (var pair in index.Unseen())
            {
                var key = pair.Key;
                var record = index.Record(pair.Value);
                if (index.Duplicates(key) is { } duplicates)
                {
                    Emit(_builder.Conflict(key, record, $"TitanHST holds {duplicates.Count} records with externalId {key} ({string.Join(", ", duplicates.Select(d => d.Id))})", Array.Empty<SourceRowReference>()));
                    continue;
                }

                if (leftAlone.TryGetValue(key, out var skip))
                {
                    Emit(_builder.NoChange(key, record, $"left alone: the sources skipped this person by policy ({skip.Message})", SourceReference(skip)));
                    continue;
                }

                if (untrusted.TryGetValue(key, out var cause))
                {
                    Emit(_builder.Conflict(key, record, $"not removed: line {cause.Line} of source '{cause.Source}' could not be read with confidence ({cause.ErrorId}) and may be this person's row", SourceReference(cause)));
                    continue;
                }

                outOfScope.TryGetValue(key, out var marker);
                Emit(_builder.Removal(key, record, marker));
            }

            ApplySafety(changes, summary);
            return new DiffResult(changes, summary, unchanged);
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

        /// <summary>The change for a source record whose key has managed row <paramref name="row"/> (-1: none); null for an unchanged person when unchanged people are not wanted.</summary>
        [MethodImpl(Hot.Path)]
        private StaffChange? ForRecord(CanonicalStaffRecord record, int row, TargetIndex index, TargetFieldSelection owned, bool includeNoChange)
        {
            var duplicates = index.Duplicates(record.ExternalId);
            if (duplicates is not null)
            {
                return _builder.Conflict(record.ExternalId, duplicates[0],
                    $"TitanHST holds {duplicates.Count} records with externalId {record.ExternalId} ({string.Join(", ", duplicates.Select(d => d.Id))})", record.Provenance);
            }

            if (row < 0)
            {
                var outOfReach = index.OutOfReach(record.ExternalId);
                return outOfReach is null
                    ? _builder.Create(record)
                    : _builder.Conflict(record.ExternalId, outOfReach, "the TitanHST record is outside the contract's targetScope, so the connector may not touch it", record.Provenance);
            }

            index.MarkTaken(row);
            // The unchanged majority is compared in the table's cells; a record is made only for a change.
            return !includeNoChange && _builder.Unchanged(record, index.Table, owned, row) ? null : _builder.Match(record, index.Record(row));
        }

        // The one safety policy marks the changes; apply calls the same policy again before it writes.
        private void ApplySafety(List<StaffChange> changes, DiffSummary summary)
        {
            Identity.ManagedActive = summary.ManagedActive;
            var verdict = ChangeSafety.Mark(changes, _contract, summary.ManagedActive);
            summary.HeldBack = verdict.HeldBack;
            summary.BlockReasons = verdict.BlockReasons.ToList();
            foreach (var (change, problems) in verdict.Invalid)
            {
                // Never expected from the extractor; if a rule and its check ever disagree, the change waits for a person.
                change.Blocked = true;
                var reason = $"blocked: the contract rejects a value to write ({string.Join("; ", problems)})";
                change.BlockReason = change.BlockReason is null ? reason : $"{change.BlockReason}; {reason}";
                summary.BlockReasons = summary.BlockReasons.Append(reason).ToList();
            }
        }

        private static SourceRowReference[] SourceReference(ExtractIssue issue) => new[] { new SourceRowReference(issue.Source, issue.File, issue.Line) };
    }
}
