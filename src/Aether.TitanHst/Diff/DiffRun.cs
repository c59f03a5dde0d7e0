using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Canonical;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Safety;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Diff
{
    /// <summary>
    /// One diff under way against an indexed TitanHST: the sources' items are handed in one at a time
    /// (<see cref="Consider"/>), then <see cref="Finish"/> adds TitanHST's records no source named and marks every
    /// change with the safety policy. <see cref="DiffEngine.Compute(IEnumerable{ExtractItem}, Func{System.Threading.CancellationToken, IEnumerable{TargetStaffRecord}}, DiffOptions?)"/>
    /// pulls the sources through one; the contract preview pushes each contract's items into its own as its one
    /// extraction makes them, so it knows both diffs' verdict on a person as soon as the person is built, and can let
    /// go of a person unchanged under both (<see cref="ForgetLastDeferred"/>) instead of holding it to the end.
    /// </summary>
    /// <remarks>Not thread-safe: one thread hands in the items, in the sources' order, then finishes.</remarks>
    internal sealed class DiffRun
    {
        private readonly MappingContract _contract;
        private readonly ChangeBuilder _builder;
        private readonly DiffIdentity _identity;
        private readonly TargetIndex _index;
        private readonly DiffOptions _options;
        private readonly Func<string, bool> _wanted;
        private readonly DiffSummary _summary;
        private readonly List<StaffChange> _changes = new();
        private readonly Dictionary<string, SourceMarker> _outOfScope = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ExtractIssue> _leftAlone = new(StringComparer.Ordinal);

        // The keys already handled: a flag per managed row for the keys TitanHST holds (most people; found by the
        // look-up the compare makes anyway), a set for the rest (creates, conflicts). One set of every key, sized
        // for the whole target, was an insert and a string hash per person.
        private readonly bool[] _handledRows;
        private readonly Dictionary<string, bool> _handledKeys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ExtractIssue> _untrusted = new(StringComparer.Ordinal);
        private readonly TargetFieldSelection _owned;
        private readonly List<UnchangedPerson>? _unchanged;
        private bool _finished;

        internal DiffRun(MappingContract contract, ChangeBuilder builder, DiffIdentity identity, TargetIndex index, DiffOptions options, Func<string, bool> wanted)
        {
            _contract = contract;
            _builder = builder;
            _identity = identity;
            _index = index;
            _options = options;
            _wanted = wanted;
            _summary = new DiffSummary
            {
                CountedSourcesAndTarget = true,
                DiffId = identity.DiffId,
                ContractId = contract.Id,
                ContractVersion = contract.Version,
                TargetRecords = index.Total,
                ManagedActive = index.ManagedActive,
                Unmanaged = index.Unmanaged,
                AdditionsOnly = contract.Policies.Safety.AdditionsOnly,
            };
            _handledRows = new bool[index.Total];
            _owned = new TargetFieldSelection(index.Table, builder.OwnedNames);
            // Most people are unchanged: sized by the people the preview's extraction walks, not grown by doubling.
            _unchanged = options.DeferNoChange && !options.IncludeNoChange ? new List<UnchangedPerson>(options.ExpectedPeople) : null;
        }

        /// <summary>How many unchanged people were deferred so far (<see cref="DiffOptions.DeferNoChange"/>); 0 without deferring.</summary>
        internal int DeferredUnchanged => _unchanged?.Count ?? 0;

        /// <summary>
        /// Lets go of the last unchanged person deferred: the contract preview settled that person as it was built
        /// (unchanged under both contracts, the same record), and nothing will ask for its NoChange.
        /// </summary>
        internal void ForgetLastDeferred()
        {
            if (_unchanged is not { Count: > 0 })
            {
                throw new InvalidOperationException("No unchanged person is deferred.");
            }

            _unchanged.RemoveAt(_unchanged.Count - 1);
        }

        /// <summary>Compares one item of the sources (a record, a marker, an issue) with TitanHST, in the sources' order.</summary>
        [MethodImpl(Hot.Path)]
        internal void Consider(ExtractItem item)
        {
            if (item.Record is { } record)
            {
                if (!_wanted(record.ExternalId))
                {
                    return;
                }

                _summary.SourceRecords++;
                if (_leftAlone.Count > 0)
                {
                    _leftAlone.Remove(record.ExternalId);
                }

                // The one look-up of the person's key in TitanHST's records.
                var row = _index.RowOf(record.ExternalId);
                Handle(record.ExternalId, row);
                if (ForRecord(record, row) is { } change)
                {
                    Emit(change);
                }
                else
                {
                    // Unchanged and not asked for: counted, never built (most people, most nights).
                    _summary.Add(ChangeAction.NoChange, null, null);
                    // ForRecord took this very row: the one Match compared.
                    _unchanged?.Add(new UnchangedPerson(record, _index.Table, row, _changes.Count));
                }
            }
            else if (item.Marker is { } marker && _wanted(marker.Key))
            {
                if (marker.Kind == SourceMarkerKind.Conflict && Handle(marker.Key, _index.RowOf(marker.Key)))
                {
                    Emit(_builder.Conflict(marker.Key, _index.Take(marker.Key) ?? _index.OutOfReach(marker.Key), $"the sources disagree: {marker.Reason}", marker.Provenance));
                }
                else if (marker.Kind == SourceMarkerKind.OutOfScope)
                {
                    // The person's standing is known: a warning about one of their values is no reason to leave them alone.
                    _outOfScope[marker.Key] = marker;
                    _leftAlone.Remove(marker.Key);
                }
            }
            else if (item.Issue is { Key: null, CandidateKeys.Count: > 0 } untrustedRow)
            {
                // A row read without confidence: none of its keys is trusted, and none of them may become a removal.
                _summary.SourceErrors++;
                foreach (var candidate in untrustedRow.CandidateKeys)
                {
                    if (!_untrusted.ContainsKey(candidate))
                    {
                        _untrusted.Add(candidate, untrustedRow);
                    }
                }
            }
            else if (item.Issue is { Key: not null } issue && _wanted(issue.Key))
            {
                if (issue.Severity == IssueSeverity.Error)
                {
                    _summary.SourceErrors++;
                    if (Handle(issue.Key, _index.RowOf(issue.Key)))
                    {
                        var place = new[] { new SourceRowReference(issue.Source, issue.File, issue.Line) };
                        Emit(_builder.Conflict(issue.Key, _index.Take(issue.Key) ?? _index.OutOfReach(issue.Key), $"the source record cannot be built ({issue.ErrorId}: {issue.Message})", place));
                    }
                }
                else if (!IsHandled(issue.Key) && issue.ErrorId != ExtractErrorIds.TextCharactersRemoved)
                {
                    // A stripped character changes no one's standing; the other warnings mean the person was skipped.
                    _leftAlone[issue.Key] = issue;
                }
            }
        }

        /// <summary>
        /// The sources are done: TitanHST's records no source named become removals (or conflicts, or are left alone),
        /// and the safety policy marks every change. Once only.
        /// </summary>
        internal DiffResult Finish()
        {
            if (_finished)
            {
                throw new InvalidOperationException("The diff is already finished.");
            }

            _finished = true;
            foreach (var pair in _index.Unseen())
            {
                var key = pair.Key;
                var record = _index.Record(pair.Value);
                if (_index.Duplicates(key) is { } duplicates)
                {
                    Emit(_builder.Conflict(key, record, $"TitanHST holds {duplicates.Count} records with externalId {key} ({string.Join(", ", duplicates.Select(d => d.Id))})", Array.Empty<SourceRowReference>()));
                    continue;
                }

                if (_leftAlone.TryGetValue(key, out var skip))
                {
                    _summary.LeftAlone += record.Active ? 1 : 0;
                    Emit(_builder.NoChange(key, record, $"left alone: the sources skipped this person by policy ({skip.Message})", SourceReference(skip)));
                    continue;
                }

                if (_untrusted.TryGetValue(key, out var cause))
                {
                    Emit(_builder.Conflict(key, record, $"not removed: line {cause.Line} of source '{cause.Source}' could not be read with confidence ({cause.ErrorId}) and may be this person's row", SourceReference(cause)));
                    continue;
                }

                _outOfScope.TryGetValue(key, out var marker);
                Emit(_builder.Removal(key, record, marker));
            }

            ApplySafety();
            return new DiffResult(_changes, _summary, _unchanged);
        }

        private bool Handle(string key, int row)
        {
            if (row >= 0)
            {
                if (_handledRows[row])
                {
                    return false;
                }

                return _handledRows[row] = true;
            }

            if (_handledKeys.ContainsKey(key))
            {
                return false;
            }

            _handledKeys.Add(key, true);
            return true;
        }

        private bool IsHandled(string key)
        {
            var row = _index.RowOf(key);
            return row >= 0 ? _handledRows[row] : _handledKeys.ContainsKey(key);
        }

        private void Emit(StaffChange change)
        {
            _summary.Add(change);
            // Deferring keeps the other NoChange changes (already inactive, left alone): few, and not deferred.
            if (change.GetAction() != ChangeAction.NoChange || _options.IncludeNoChange || _unchanged is not null)
            {
                _changes.Add(change);
            }
        }

        /// <summary>The change for a source record whose key has managed row <paramref name="row"/> (-1: none); null for an unchanged person when unchanged people are not wanted.</summary>
        [MethodImpl(Hot.Path)]
        private StaffChange? ForRecord(CanonicalStaffRecord record, int row)
        {
            var duplicates = _index.Duplicates(record.ExternalId);
            if (duplicates is not null)
            {
                return _builder.Conflict(record.ExternalId, duplicates[0],
                    $"TitanHST holds {duplicates.Count} records with externalId {record.ExternalId} ({string.Join(", ", duplicates.Select(d => d.Id))})", record.Provenance);
            }

            if (row < 0)
            {
                var outOfReach = _index.OutOfReach(record.ExternalId);
                return outOfReach is null
                    ? _builder.Create(record)
                    : _builder.Conflict(record.ExternalId, outOfReach, "the TitanHST record is outside the contract's targetScope, so the connector may not touch it", record.Provenance);
            }

            _index.MarkTaken(row);
            // The unchanged majority is compared in the table's cells; a record is made only for a change.
            return !_options.IncludeNoChange && _builder.Unchanged(record, _index.Table, _owned, row) ? null : _builder.Match(record, _index.Record(row));
        }

        // The one safety policy marks the changes; apply calls the same policy again before it writes.
        private void ApplySafety()
        {
            _identity.ManagedActive = _summary.ManagedActive;
            var verdict = ChangeSafety.Mark(_changes, _contract, _summary.ManagedActive);
            _summary.HeldBack = verdict.HeldBack;
            // One list, added to: copying the list for each rejected change was quadratic (~750 MiB for 14k of them).
            var reasons = verdict.BlockReasons.ToList();
            reasons.AddRange(UniqueValueCheck.Mark(_changes, _contract, _index.Table));
            foreach (var (change, problems) in verdict.Invalid)
            {
                // Never expected from the extractor; if a rule and its check ever disagree, the change waits for a person.
                change.Blocked = true;
                var reason = $"blocked: the contract rejects a value to write ({string.Join("; ", problems)})";
                change.BlockReason = change.BlockReason is null ? reason : $"{change.BlockReason}; {reason}";
                reasons.Add(reason);
            }

            _summary.BlockReasons = reasons;
        }

        private static SourceRowReference[] SourceReference(ExtractIssue issue) => new[] { new SourceRowReference(issue.Source, issue.File, issue.Line) };
    }
}
