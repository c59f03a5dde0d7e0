using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Aether.TitanHst.Contract;

namespace Aether.TitanHst.Canonical
{
    /// <summary>
    /// The position rows of one source, checked as they are read: every row needs a position id, and a person's
    /// position appears once. A (person, position) table of every row would cost more than the rows; people hold a
    /// few positions, so their earlier rows are scanned, and a table is kept only for a person past the scan limit.
    /// </summary>
    internal sealed class PositionRowCheck
    {
        /// <summary>How many earlier rows of a person are scanned; past it, a file that gives one person thousands of rows still costs one look-up per row.</summary>
        private const int ScanLimit = 32;

        private readonly SourceDefinition _source;
        private readonly int _positionKey;

        // (person, position) to its first line, for people past the scan limit only.
        private readonly Dictionary<(string Person, string Position), int> _seen = new();

        internal PositionRowCheck(SourceDefinition source, int positionKey)
        {
            _source = source;
            _positionKey = positionKey;
        }

        /// <summary>
        /// The position row's problem (no position id, a position already seen for this person), or null. The group is
        /// the person's rows of this source so far, the row last (null for their first row); the key is the row's
        /// normalized join key.
        /// </summary>
        [MethodImpl(Hot.Path)]
        internal ExtractIssue? Check(SourceRow row, string key, List<SourceRow>? group)
        {
            if (group is null)
            {
                // A person's first row has no earlier one to repeat: only the blank test, read without making the id's string.
                return row.IsBlank(_positionKey) ? Blank(row, key) : null;
            }

            var position = row[_positionKey].Trim();
            if (position.Length == 0)
            {
                return Blank(row, key);
            }

            var source = _source;
            var firstLine = FirstLineOf(position, key, group);
            if (firstLine > 0)
            {
                return new ExtractIssue(IssueSeverity.Error, ExtractErrorIds.PositionDuplicate, source.Name, source.Path, row.Line, source.PositionKeyColumn!, null, key,
                    $"position '{position}' of key '{key}' appears more than once ({source.Name} lines {firstLine} and {row.Line}); the person is not built until one row remains");
            }

            if (group.Count > ScanLimit + 1)
            {
                _seen.Add((key, position), row.Line);
            }

            return null;
        }

        private ExtractIssue Blank(SourceRow row, string key) =>
            new(IssueSeverity.Error, ExtractErrorIds.PositionKeyBlank, _source.Name, _source.Path, row.Line, _source.PositionKeyColumn!, null, key,
                $"the position has no {_source.PositionKeyColumn}, so it cannot be told from the person's other positions; the person is not built until it has one");

        /// <summary>The line of the person's first earlier row with this position, or 0 when none.</summary>
        [MethodImpl(Hot.Path)]
        private int FirstLineOf(string position, string key, List<SourceRow> group)
        {
            var earlier = group.Count - 1;
            if (earlier <= ScanLimit)
            {
                for (var i = 0; i < earlier; i++)
                {
                    if (string.Equals(group[i][_positionKey].Trim(), position, StringComparison.Ordinal))
                    {
                        return group[i].Line;
                    }
                }

                return 0;
            }

            if (!_seen.ContainsKey((key, string.Empty)))
            {
                // First row past the limit: the table takes the earlier rows, the first line of each position winning;
                // the blank position (never a row's, those are refused above) marks the person's rows as taken.
                _seen.Add((key, string.Empty), 0);
                for (var i = 0; i < earlier; i++)
                {
                    var other = group[i][_positionKey].Trim();
                    if (other.Length > 0 && !_seen.ContainsKey((key, other)))
                    {
                        _seen.Add((key, other), group[i].Line);
                    }
                }
            }

            return _seen.TryGetValue((key, position), out var line) ? line : 0;
        }
    }
}
