using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Canonical;

namespace Aether.TitanHst.Preview
{
    /// <summary>
    /// Folds one contract's extraction stream into one outcome per person key, keeping the stream itself so the
    /// same items can feed that contract's diff without reading the exports again.
    /// </summary>
    internal sealed class PersonOutcomeCollector
    {
        private readonly Dictionary<string, CanonicalStaffRecord> _records = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SourceMarker> _markers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<ExtractIssue>> _issues = new(StringComparer.Ordinal);

        public List<ExtractItem> Items { get; } = new();

        /// <summary>Lets go of the stream once the contract's diff has read it; the outcomes per key stay.</summary>
        public void ReleaseItems()
        {
            Items.Clear();
            Items.Capacity = 0;
        }

        /// <summary>Every key this contract's extraction named, in first-seen order.</summary>
        public List<string> Keys { get; } = new();

        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        [MethodImpl(Hot.Path)]
        public void Add(ExtractItem item)
        {
            Items.Add(item);
            if (item.Record is { } record)
            {
                See(record.ExternalId);
                _records[record.ExternalId] = record;
            }
            else if (item.Marker is { } marker)
            {
                See(marker.Key);
                _markers[marker.Key] = marker;
            }
            else if (item.Issue is { Key: not null } issue)
            {
                See(issue.Key);
                if (!_issues.TryGetValue(issue.Key, out var list))
                {
                    list = new List<ExtractIssue>();
                    _issues.Add(issue.Key, list);
                }

                list.Add(issue);
            }
        }

        /// <summary>A record wins over warnings about it; a conflict marker wins over scope; errors win over warnings.</summary>
        [MethodImpl(Hot.Path)]
        public PersonOutcome OutcomeOf(string key)
        {
            _issues.TryGetValue(key, out var issues);
            var hasError = issues?.Exists(i => i.Severity == IssueSeverity.Error) == true;
            if (hasError)
            {
                return PersonOutcome.Of(issues!.FindAll(i => i.Severity == IssueSeverity.Error), error: true);
            }

            if (_records.TryGetValue(key, out var record))
            {
                return PersonOutcome.Of(record);
            }

            if (_markers.TryGetValue(key, out var marker))
            {
                return PersonOutcome.Of(marker);
            }

            return issues is { Count: > 0 } ? PersonOutcome.Of(issues, error: false) : PersonOutcome.Absent;
        }

        private void See(string key)
        {
            if (_seen.Add(key))
            {
                Keys.Add(key);
            }
        }
    }
}
