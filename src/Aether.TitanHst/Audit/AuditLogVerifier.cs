using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Walks every file of an audit folder in chain order, recomputes each line's hash, follows prevHash and
    /// sequence from entry to entry and across files, and names the first entry that was altered, removed or
    /// inserted. A log whose oldest files were removed by retention passes only if a Retention entry recorded the
    /// last sequence and hash of what was removed, exactly where the oldest remaining file starts.
    /// </summary>
    public static class AuditLogVerifier
    {
        public static AuditVerificationResult Verify(string folder)
        {
            var files = AuditFolder.ListFiles(folder);
            var walk = new Walk();
            for (var f = 0; f < files.Count; f++)
            {
                foreach (var line in AuditLineReader.Read(files[f]))
                {
                    if (!line.Terminated && f == files.Count - 1)
                    {
                        walk.IncompleteTail = $"{files[f]}:{line.Number.ToString(CultureInfo.InvariantCulture)}";
                        continue;
                    }

                    walk.Check(files[f], line);
                }
            }

            return walk.Finish(folder, files);
        }

        private sealed class Walk
        {
            private readonly Dictionary<(long, string), long> _vouchers = new();
            private AuditEntry? _prev;
            private AuditEntry? _beforePrev;
            private AuditEntry? _start;
            private AuditLogProblem? _problem;
            private long _entries;

            public string? IncompleteTail { get; set; }

            public void Check(string file, AuditLine line)
            {
                _entries++;
                var entry = Read(file, line, (_prev?.Sequence ?? 0) + 1, out var unreadable);
                if (entry is null)
                {
                    _problem ??= unreadable;
                    return;
                }

                if (entry.Kind == AuditEntryKind.Retention && entry.Removed is { } removed)
                {
                    // Vouchers are collected even after a problem, so the report still names the earliest place.
                    foreach (var r in removed)
                    {
                        _vouchers[(r.LastSequence, r.LastHash)] = entry.Sequence;
                    }
                }

                if (_problem is not null)
                {
                    return;
                }

                _problem = Link(entry);
                _beforePrev = _prev;
                _prev = entry;
            }

            public AuditVerificationResult Finish(string folder, IReadOnlyList<string> files)
            {
                var problem = _problem;
                long? vouchedBy = null;
                if (_start is { } start)
                {
                    if (_vouchers.TryGetValue((start.Sequence - 1, start.PrevHash ?? string.Empty), out var retention))
                    {
                        vouchedBy = retention;
                    }
                    else
                    {
                        // The start comes before any later problem, so it is the first bad place.
                        problem = new AuditLogProblem(start.File, start.Line, Math.Max(1, start.Sequence - 1), AuditProblemKind.Removed,
                            $"the log starts at sequence {start.Sequence}, and no Retention entry records removing the entries before it");
                    }
                }

                return new AuditVerificationResult(folder, files, _entries, _prev?.Sequence ?? 0, _prev?.Hash, problem, IncompleteTail, vouchedBy);
            }

            private AuditLogProblem? Link(AuditEntry entry)
            {
                if (_prev is null)
                {
                    if (entry.Sequence != 1 || entry.PrevHash is not null)
                    {
                        _start = entry;
                    }

                    return null;
                }

                var prev = _prev;
                if (AuditHashing.SameHash(entry.PrevHash, prev.Hash) && entry.Sequence == prev.Sequence + 1)
                {
                    return null;
                }

                if (_beforePrev is { } before && AuditHashing.SameHash(entry.PrevHash, before.Hash) && entry.Sequence == before.Sequence + 1)
                {
                    return new AuditLogProblem(prev.File, prev.Line, prev.Sequence, AuditProblemKind.Inserted,
                        $"the entry after it (line {entry.Line}) follows sequence {before.Sequence} directly; this line was added to the chain");
                }

                if (entry.Sequence > prev.Sequence + 1)
                {
                    var missing = entry.Sequence - prev.Sequence - 1;
                    var where = string.Equals(entry.File, prev.File, StringComparison.Ordinal) ? $"after line {prev.Line}" : $"between {Path.GetFileName(prev.File)} and this file";
                    return new AuditLogProblem(entry.File, entry.Line, prev.Sequence + 1, AuditProblemKind.Removed,
                        $"{missing} entr{(missing == 1 ? "y" : "ies")} (sequence {prev.Sequence + 1}{(missing == 1 ? string.Empty : $"-{entry.Sequence - 1}")}) missing {where}");
                }

                if (entry.Sequence <= prev.Sequence)
                {
                    return new AuditLogProblem(entry.File, entry.Line, entry.Sequence, AuditProblemKind.Inserted,
                        $"sequence {entry.Sequence} comes after sequence {prev.Sequence}");
                }

                return new AuditLogProblem(entry.File, entry.Line, entry.Sequence, AuditProblemKind.Inserted,
                    $"prevHash does not match the hash of the entry before it (line {prev.Line}): this entry or the one before was replaced");
            }

            // An unreadable line is named with the sequence it should have had.
            private static AuditEntry? Read(string file, AuditLine line, long expected, out AuditLogProblem? problem)
            {
                problem = null;
                if (line.Length == 0 || !AuditHashing.TrySplit(line.Bytes, line.Length, out var hashed, out var stated))
                {
                    problem = new AuditLogProblem(file, line.Number, expected, line.Length == 0 ? AuditProblemKind.Inserted : AuditProblemKind.Altered,
                        line.Length == 0 ? "an empty line" : "the line does not end with its hash");
                    return null;
                }

                var actual = AuditHashing.OfBytes(line.Bytes, hashed);
                AuditEntry entry;
                try
                {
                    entry = AuditEntryReader.Parse(line, file);
                }
                catch (InputFileException e)
                {
                    problem = new AuditLogProblem(file, line.Number, expected, AuditProblemKind.Altered, "not a readable entry: " + e.Problem);
                    return null;
                }

                if (!AuditHashing.SameHash(actual, stated) || !AuditHashing.SameHash(entry.Hash, stated))
                {
                    problem = new AuditLogProblem(file, line.Number, entry.Sequence, AuditProblemKind.Altered,
                        $"the line's content does not match its hash (computed {actual.Substring(0, 19)}…, stated {stated.Substring(0, Math.Min(19, stated.Length))}…)");
                    return null;
                }

                return entry;
            }
        }
    }
}
