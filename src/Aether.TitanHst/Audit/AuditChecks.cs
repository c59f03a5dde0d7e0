using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Aether.TitanHst.Audit
{
    /// <summary>The checks after the walk, one method per guarantee; each says what it proves on this log and what it found.</summary>
    internal sealed class AuditChecks
    {
        private const string NoKey = "Not checked: the installation key is not on this machine (AETHER_TITANHST_KEYS)";
        private readonly string _folder;
        private readonly IReadOnlyList<string> _files;
        private readonly AuditChainWalk _walk;
        private readonly AuditChainKey? _key;
        private readonly IReadOnlyList<AuditCheckpointLine> _checkpoints;
        private readonly AuditCheckpoint? _last;

        public AuditChecks(string folder, IReadOnlyList<string> files, AuditChainWalk walk, AuditChainKey? key, IReadOnlyList<AuditCheckpointLine> checkpoints)
        {
            _folder = folder;
            _files = files;
            _walk = walk;
            _key = key;
            _checkpoints = checkpoints;
            _last = checkpoints.Select(c => c.Checkpoint).LastOrDefault(c => c is not null && c.SignatureValid == true);
        }

        private List<AuditRecord> Records => _walk.Records;

        public AuditCheckResult Entries()
        {
            var legacy = Records.Where(r => r.Format == AuditEntryJson.LegacyFormatVersion).ToList();
            var keyed = Records.Where(r => r.Format == AuditEntryJson.FormatVersion).ToList();
            var guarantee = keyed.Count == 0 && legacy.Count > 0
                ? "Unkeyed legacy (SHA-256): catches damage, not a deliberate rewrite; anyone can recompute the hashes"
                : _key is null && keyed.Count > 0
                    ? NoKey
                    : $"Keyed (HMAC-SHA256, installation key {_key?.KeyId ?? "-"}): no entry can be altered, forged or re-chained without the key"
                      + (legacy.Count > 0 ? $"; sequences {legacy[0].Sequence}-{legacy[legacy.Count - 1].Sequence} are unkeyed legacy (SHA-256) and could be rewritten by anyone" : string.Empty);
            if (_key is null && keyed.Count > 0)
            {
                return new AuditCheckResult(AuditCheckResult.Entries, guarantee, false, $"{keyed.Count} keyed entries could not be verified without the installation key");
            }

            var k = Records.FindIndex(r => r.Authentic == false);
            if (k < 0)
            {
                return new AuditCheckResult(AuditCheckResult.Entries, guarantee, true, $"{keyed.Count} keyed and {legacy.Count} legacy entries");
            }

            var (kind, detail) = Classify(k);
            return new AuditCheckResult(AuditCheckResult.Entries, guarantee, false, detail, kind);
        }

        public AuditCheckResult Chain(AuditLogProblem? problem) =>
            new(AuditCheckResult.Chain, "No entry removed, inserted or reordered between the first and the last entry present (cross-file, by sequence and link)",
                problem is null, problem is null ? $"{Records.Count} entries linked, sequence {Records.FirstOrDefault()?.Sequence ?? 0}-{_walk.LastSequence}" : problem.ToString(), problem?.GetProblem());

        public static AuditCheckResult Start(AuditLogProblem? problem, long? vouchedBy) =>
            new(AuditCheckResult.Start, "Older entries are gone only where a Retention entry recorded removing them",
                problem is null, problem?.ToString() ?? (vouchedBy is { } by ? $"the start is vouched for by the Retention entry at sequence {by}" : "the log starts at sequence 1"), problem?.GetProblem());

        public AuditCheckResult CheckpointSignatures()
        {
            const string guarantee = "Signed (installation key): a checkpoint cannot be forged, edited, removed from the middle or reordered without the key";
            if (_key is null)
            {
                return new AuditCheckResult(AuditCheckResult.Checkpoints, NoKey, _checkpoints.Count == 0, $"{_checkpoints.Count} checkpoints not verified");
            }

            AuditCheckpoint? previous = null;
            foreach (var line in _checkpoints)
            {
                if (line.Checkpoint is not { } c)
                {
                    return Invalid(line.Problem!);
                }

                if (c.SignatureValid != true)
                {
                    return Invalid($"{c.Source}: checkpoint {c.Number}'s signature does not verify under the installation key: it was forged or edited");
                }

                var expected = (previous?.Number ?? 0) + 1;
                if (c.Number != expected || !AuditHashing.SameHash(c.PreviousMac, previous?.Mac))
                {
                    return Invalid($"{c.Source}: checkpoint {c.Number} does not follow checkpoint {previous?.Number ?? 0}: checkpoints were removed, copied or reordered");
                }

                previous = c;
            }

            // The writer checkpoints every run end, read and retention: one of those after the last checkpoint means checkpoints were lost.
            var uncovered = Records.LastOrDefault(r => r.Format == AuditEntryJson.FormatVersion && r.Kind is AuditEntryKind.RunEnd or AuditEntryKind.Access or AuditEntryKind.Retention);
            if (uncovered is not null && (_last is null || _last.LastSequence < uncovered.Sequence))
            {
                return Invalid($"no checkpoint covers sequence {uncovered.Sequence} ({uncovered.Kind} at {uncovered.Where}): {AuditCheckpointStore.FileName} lost its last lines or was deleted (or the write right after that entry was interrupted)");
            }

            return new AuditCheckResult(AuditCheckResult.Checkpoints, guarantee, true,
                _checkpoints.Count == 0 ? "no checkpoints yet" : $"{_checkpoints.Count} checkpoints; the last: {_last}");

            AuditCheckResult Invalid(string detail) => new(AuditCheckResult.Checkpoints, guarantee, false, detail, AuditProblemKind.CheckpointInvalid);
        }

        public AuditCheckResult Truncation()
        {
            if (_last is null)
            {
                return new AuditCheckResult(AuditCheckResult.Truncation, _key is null ? NoKey : "None: no signed checkpoint yet, so removing the last entries is not detectable", true, "no checkpoint to compare with");
            }

            var guarantee = $"Nothing up to sequence {_last.LastSequence} (checkpoint {_last.Number}, {AuditEntryJson.FormatTime(_last.Time)}) was removed from the end; entries after it, or a truncation that also removed the checkpoints after it, only the anchor can show";
            var found = CompareWith(_last, "the signed checkpoint " + _last.Number);
            return new AuditCheckResult(AuditCheckResult.Truncation, guarantee, found is null, found?.Detail ?? $"the log reaches sequence {_walk.LastSequence}", found?.Kind);
        }

        public AuditCheckResult Files()
        {
            const string guarantee = "Every month file the last signed checkpoint named is present, or was removed by retention";
            if (_last is null)
            {
                return new AuditCheckResult(AuditCheckResult.Files, _key is null ? NoKey : "None: no signed checkpoint yet", true, "no checkpoint to compare with");
            }

            var present = new HashSet<string>(_files.Select(f => Path.GetFileName(f)!), StringComparer.OrdinalIgnoreCase);
            var deleted = _last.Files.Where(f => !present.Contains(f) && !_walk.RemovedFiles.Contains(f)).ToList();
            return deleted.Count == 0
                ? new AuditCheckResult(AuditCheckResult.Files, guarantee, true, $"{_last.Files.Count} files named, all present or removed by retention")
                : new AuditCheckResult(AuditCheckResult.Files, guarantee, false,
                    $"{string.Join(", ", deleted)} {(deleted.Count == 1 ? "was" : "were")} named by checkpoint {_last.Number} and {(deleted.Count == 1 ? "is" : "are")} gone with no Retention entry: the file was deleted", AuditProblemKind.FileDeleted);
        }

        public AuditCheckResult Anchor(AuditAnchorSettings settings)
        {
            var anchor = AuditAnchor.Create(settings);
            if (anchor is null)
            {
                return new AuditCheckResult(AuditCheckResult.Anchor, "None: no anchor configured; deleting the whole log, or its last entries together with their checkpoints, is not detectable", true, "no anchor");
            }

            var guarantee = $"Copies outside the folder ({anchor.Description}): deleting the whole log, or its last entries together with their checkpoints, is caught";
            IReadOnlyList<string>? lines;
            try
            {
                lines = anchor.ReadBack();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new AuditCheckResult(AuditCheckResult.Anchor, guarantee, false, $"the anchor could not be read ({e.GetType().Name})");
            }

            if (lines is null)
            {
                return new AuditCheckResult(AuditCheckResult.Anchor, $"Written to {anchor.Description}, not readable here: compare its last checkpoint for this folder with the Checkpoints check by hand", true, "not read back");
            }

            if (_key is null)
            {
                return new AuditCheckResult(AuditCheckResult.Anchor, NoKey, false, "anchored checkpoints cannot be verified without the installation key");
            }

            var forged = 0;
            AuditCheckpoint? latest = null;
            foreach (var text in lines)
            {
                var bytes = Encoding.UTF8.GetBytes(text.TrimEnd('\r'));
                var c = AuditCheckpointJson.Parse(bytes, bytes.Length, anchor.Description, _key, out _);
                if (c is null || !string.Equals(AuditFolder.Canonical(c.Log), _folder, StringComparison.Ordinal))
                {
                    continue;
                }

                if (c.SignatureValid != true)
                {
                    forged++; // anyone may write to syslog; only signed checkpoints count
                    continue;
                }

                if (latest is null || c.Number > latest.Number)
                {
                    latest = c;
                }
            }

            var note = forged > 0 ? $" ({forged} anchored lines for this folder with bad signatures were ignored)" : string.Empty;
            if (latest is null)
            {
                return new AuditCheckResult(AuditCheckResult.Anchor, guarantee, true, "the anchor holds no checkpoint of this log yet" + note);
            }

            if (Records.Count == 0)
            {
                return new AuditCheckResult(AuditCheckResult.Anchor, guarantee, false,
                    $"the anchor holds checkpoint {latest.Number} of this log (sequence {latest.LastSequence}, {AuditEntryJson.FormatTime(latest.Time)}) but the folder holds no entries: the whole log was deleted" + note, AuditProblemKind.LogDeleted);
            }

            var local = _checkpoints.Select(c => c.Checkpoint).FirstOrDefault(c => c is not null && c.Number == latest.Number);
            if (local is null)
            {
                return new AuditCheckResult(AuditCheckResult.Anchor, guarantee, false,
                    $"the anchor holds checkpoint {latest.Number} (sequence {latest.LastSequence}); the folder's checkpoints stop before it: entries and checkpoints were removed from the end" + note, AuditProblemKind.Truncated);
            }

            if (!AuditHashing.SameHash(local.Mac, latest.Mac))
            {
                return new AuditCheckResult(AuditCheckResult.Anchor, guarantee, false,
                    $"checkpoint {latest.Number} in the folder differs from the anchor's copy" + note, AuditProblemKind.CheckpointInvalid);
            }

            var found = CompareWith(latest, "the anchored checkpoint " + latest.Number);
            return new AuditCheckResult(AuditCheckResult.Anchor, guarantee, found is null, (found?.Detail ?? $"the folder matches the anchor's checkpoint {latest.Number}") + note, found?.Kind);
        }

        /// <summary>The first problem of the first failing check, in the order that names a tampering most precisely.</summary>
        public AuditLogProblem? FirstProblem(IReadOnlyList<AuditCheckResult> results, (AuditLogProblem? Problem, AuditLogProblem? StartProblem, long? VouchedBy) chain)
        {
            var order = new[] { AuditCheckResult.Anchor, AuditCheckResult.Files, AuditCheckResult.Truncation, AuditCheckResult.Chain, AuditCheckResult.Entries, AuditCheckResult.Start, AuditCheckResult.Checkpoints };
            foreach (var name in order)
            {
                var failed = results.FirstOrDefault(r => r.Check == name && !r.Passed);
                if (failed is null)
                {
                    continue;
                }

                if (name == AuditCheckResult.Chain && chain.Problem is { } p)
                {
                    return p;
                }

                if (name == AuditCheckResult.Start && chain.StartProblem is { } s)
                {
                    return s;
                }

                if (name == AuditCheckResult.Entries && _firstBad is { } bad)
                {
                    return new AuditLogProblem(bad.File, bad.Line, bad.Sequence, failed.GetProblem() ?? AuditProblemKind.Altered, failed.Detail);
                }

                var last = Records.LastOrDefault();
                return new AuditLogProblem(last?.File ?? _folder, last?.Line ?? 0, last?.Sequence ?? 0, failed.GetProblem() ?? AuditProblemKind.Removed, failed.Detail);
            }

            return null;
        }

        private AuditRecord? _firstBad;

        // Forged, re-chained or altered: which one the entries around the first bad MAC say.
        private (AuditProblemKind Kind, string Detail) Classify(int k)
        {
            var bad = Records[k];
            _firstBad = bad;
            var next = k + 1 < Records.Count ? Records[k + 1] : null;
            var allAfterBad = Records.Skip(k).All(r => r.Authentic == false);
            var covered = _last is not null && bad.Sequence <= _last.LastSequence;
            var downgrade = bad.Format == AuditEntryJson.LegacyFormatVersion ? " (it claims the unkeyed legacy format after keyed entries)" : string.Empty;

            if (next is not null && next.Authentic == true && AuditHashing.SameHash(next.PrevHash, bad.Hash))
            {
                return (AuditProblemKind.Altered, $"{bad.Where}: sequence {bad.Sequence} was edited in place: its MAC does not verify, while the entry after it still links to its hash{downgrade}");
            }

            if (!covered && allAfterBad)
            {
                var count = Records.Count - k;
                return (AuditProblemKind.ForgedEntry, $"{bad.Where}: {count} entr{(count == 1 ? "y" : "ies")} from sequence {bad.Sequence} on, after the last checkpoint, do not carry a valid MAC: appended by someone without the installation key{downgrade}");
            }

            if (covered && next is null && _last!.LastSequence == bad.Sequence && AuditHashing.SameHash(_last.LastHash, bad.Hash))
            {
                return (AuditProblemKind.Altered, $"{bad.Where}: sequence {bad.Sequence} was edited in place: its MAC does not verify{downgrade}");
            }

            return (AuditProblemKind.Rechained, $"{bad.Where}: entries from sequence {bad.Sequence} on were rewritten and their hashes recomputed without the installation key (the chain links, the MACs do not){downgrade}");
        }

        // Truncated when the log ends before the checkpoint; Rechained when the entry it names has another hash.
        private (AuditProblemKind Kind, string Detail)? CompareWith(AuditCheckpoint checkpoint, string what)
        {
            var record = Records.FirstOrDefault(r => r.Sequence == checkpoint.LastSequence);
            if (record is not null)
            {
                return AuditHashing.SameHash(record.Hash, checkpoint.LastHash)
                    ? null
                    : (AuditProblemKind.Rechained, $"{what} recorded sequence {checkpoint.LastSequence} with another hash than {record.Where} carries: the log was rewritten");
            }

            if (checkpoint.LastSequence > _walk.LastSequence)
            {
                return (AuditProblemKind.Truncated, $"{what} ({AuditEntryJson.FormatTime(checkpoint.Time)}) records the log up to sequence {checkpoint.LastSequence}; it ends at {_walk.LastSequence}: entries {_walk.LastSequence + 1}-{checkpoint.LastSequence} were removed from the end");
            }

            // Before the first entry present: removed by retention (the Start check says whether that was recorded).
            return null;
        }
    }
}
