using System;
using System.Collections.Generic;
using System.IO;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// One pass over the entries in chain order: reads each line, checks its hash (the legacy SHA-256) or its MAC
    /// (the keyed chain), follows prevHash and sequence, and keeps a small record per entry for the checks that
    /// follow. Structural problems (altered legacy bytes, removed, inserted) are named at the first bad place, using
    /// both neighbours to tell an inserted line from a removed one.
    /// </summary>
    internal sealed class AuditChainWalk
    {
        private readonly AuditChainKey? _key;
        private readonly Dictionary<(long, string), long> _vouchers = new();
        private AuditEntry? _prev;
        private AuditEntry? _beforePrev;
        private AuditEntry? _start;
        private AuditLogProblem? _problem;

        public AuditChainWalk(AuditChainKey? key) => _key = key;

        public string? IncompleteTail { get; set; }

        public long EntryCount { get; private set; }

        /// <summary>Every entry read, in order (lines that are not entries are left out).</summary>
        public List<AuditRecord> Records { get; } = new();

        /// <summary>File names that Retention entries record removing.</summary>
        public HashSet<string> RemovedFiles { get; } = new(StringComparer.OrdinalIgnoreCase);

        public long LastSequence => Records.Count == 0 ? 0 : Records[Records.Count - 1].Sequence;

        public string? LastHash => Records.Count == 0 ? null : Records[Records.Count - 1].Hash;

        public void Check(string file, AuditLine line)
        {
            EntryCount++;
            var entry = Read(file, line, (_prev?.Sequence ?? 0) + 1, out var unreadable, out var authentic);
            if (entry is null)
            {
                _problem ??= unreadable;
                return;
            }

            // A legacy (unkeyed) entry after keyed ones is a downgrade: nobody writes those any more.
            if (entry.Format == AuditEntryJson.LegacyFormatVersion && Records.Exists(r => r.Format == AuditEntryJson.FormatVersion))
            {
                authentic = false;
            }

            Records.Add(new AuditRecord(entry, authentic));
            if (entry.GetKind() == AuditEntryKind.Retention && entry.Removed is { } removed)
            {
                // Vouchers are collected even after a problem, so the report still names the earliest place.
                foreach (var r in removed)
                {
                    _vouchers[(r.LastSequence, r.LastHash)] = entry.Sequence;
                    RemovedFiles.Add(r.File);
                }
            }

            if (_problem is not null)
            {
                return;
            }

            // Entries go to their month's file or, after a clock set back, a later one: never to an earlier one. An entry
            // newer than its file's month was moved there, and retention, which removes files by their month, would take
            // it for old (entries of this month moved into a file named for 2020, then removed as expired).
            if (entry.Time >= AuditFolder.EndOf(file))
            {
                _problem = new AuditLogProblem(file, line.Number, entry.Sequence, AuditProblemKind.Inserted,
                    $"the entry was written {entry.Time:yyyy-MM-dd}, after the month this file is named for: it was moved here from a later month's file");
                return;
            }

            _problem = Link(entry);
            _beforePrev = _prev;
            _prev = entry;
        }

        public (AuditLogProblem? Problem, AuditLogProblem? StartProblem, long? VouchedBy) Finish()
        {
            if (_start is not { } start)
            {
                return (_problem, null, null);
            }

            if (_vouchers.TryGetValue((start.Sequence - 1, start.PrevHash ?? string.Empty), out var retention))
            {
                return (_problem, null, retention);
            }

            return (_problem, new AuditLogProblem(start.File, start.Line, Math.Max(1, start.Sequence - 1), AuditProblemKind.Removed,
                $"the log starts at sequence {start.Sequence}, and no Retention entry records removing the entries before it"), null);
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

        // An unreadable line is named with the sequence it should have had. A keyed entry's MAC is not judged here
        // (authentic is false when it does not verify): the checks decide whether it was forged, re-chained or altered.
        private AuditEntry? Read(string file, AuditLine line, long expected, out AuditLogProblem? problem, out bool? authentic)
        {
            problem = null;
            authentic = null;
            if (line.Length == 0 || !AuditHashing.TrySplit(line.Bytes, line.Length, out var hashed, out var stated))
            {
                problem = new AuditLogProblem(file, line.Number, expected, line.Length == 0 ? AuditProblemKind.Inserted : AuditProblemKind.Altered,
                    line.Length == 0 ? "an empty line" : "the line does not end with its hash");
                return null;
            }

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

            if (!AuditHashing.SameHash(entry.Hash, stated))
            {
                problem = new AuditLogProblem(file, line.Number, entry.Sequence, AuditProblemKind.Altered, "the hash property is not the line's last");
                return null;
            }

            if (entry.Format == AuditEntryJson.FormatVersion)
            {
                if (_key is not null)
                {
                    authentic = AuditHashing.IsKeyed(stated) && AuditHashing.SameHash(_key.MacEntry(line.Bytes, hashed), stated);
                }

                return entry;
            }

            // The unkeyed legacy chain: only a plain SHA-256 that anyone could recompute.
            var actual = AuditHashing.OfBytes(line.Bytes, hashed);
            if (!AuditHashing.SameHash(actual, stated))
            {
                problem = new AuditLogProblem(file, line.Number, entry.Sequence, AuditProblemKind.Altered,
                    $"the line's content does not match its hash (computed {actual.Substring(0, 19)}…, stated {stated.Substring(0, Math.Min(19, stated.Length))}…)");
                return null;
            }

            return entry;
        }
    }

    /// <summary>What the checks need to know of one entry.</summary>
    internal sealed class AuditRecord
    {
        public AuditRecord(AuditEntry entry, bool? authentic)
        {
            Sequence = entry.Sequence;
            Hash = entry.Hash;
            PrevHash = entry.PrevHash;
            Format = entry.Format;
            Kind = entry.GetKind();
            File = entry.File;
            Line = entry.Line;
            Authentic = authentic;
        }

        public long Sequence { get; }

        public string Hash { get; }

        public string? PrevHash { get; }

        public int Format { get; }

        public AuditEntryKind Kind { get; }

        public string File { get; }

        public int Line { get; }

        /// <summary>True: the MAC verifies; false: it does not (or a legacy entry after keyed ones); null: legacy, or no key to check with.</summary>
        public bool? Authentic { get; }

        public string Where => $"{System.IO.Path.GetFileName(File)}:{Line}";
    }
}
