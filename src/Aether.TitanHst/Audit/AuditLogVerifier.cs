using System;
using System.Collections.Generic;
using System.IO;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// Walks every file of an audit folder in chain order and reports one check per guarantee: each entry's MAC under
    /// the installation key (or, for entries written before the keyed chain, the weaker unkeyed SHA-256), the links
    /// and sequence from entry to entry and across files, the start (vouched for by retention), the signed
    /// checkpoints, truncation against the last checkpoint, files the last checkpoint named, and the anchor outside
    /// the folder. The first problem is named: a forged appended entry, a re-chained rewrite, an altered, removed
    /// or inserted entry, truncation, a deleted file, a deleted log, or a checkpoint whose signature does not verify.
    /// </summary>
    public static class AuditLogVerifier
    {
        /// <summary>Verifies with the default installation key folder and the anchor from the environment.</summary>
        public static AuditVerificationResult Verify(string folder) => Verify(folder, null, null);

        /// <summary>Verifies <paramref name="folder"/>; <paramref name="keyFolder"/> null for the default key folder, <paramref name="anchor"/> null for AETHER_TITANHST_AUDIT_ANCHOR.</summary>
        public static AuditVerificationResult Verify(string folder, string? keyFolder, AuditAnchorSettings? anchor)
        {
            folder = AuditFolder.Canonical(folder);
            anchor ??= AuditAnchorSettings.FromEnvironment();
            using var key = AuditChainKey.ForVerifying(keyFolder);
            var files = AuditFolder.ListFiles(folder);
            var walk = new AuditChainWalk(key);
            for (var f = 0; f < files.Count; f++)
            {
                foreach (var line in AuditLineReader.Read(files[f]))
                {
                    // A last line cut off by a crash is not an entry; one missing only its newline still is.
                    if (!line.Terminated && f == files.Count - 1 && !IsWholeEntry(line, files[f]))
                    {
                        walk.IncompleteTail = $"{files[f]}:{line.Number}";
                        continue;
                    }

                    walk.Check(files[f], line);
                }
            }

            var chain = walk.Finish();
            var checkpoints = AuditCheckpointStore.Read(folder, key);
            var checks = new AuditChecks(folder, files, walk, key, checkpoints);
            var results = new List<AuditCheckResult>
            {
                checks.Entries(),
                checks.Chain(chain.Problem),
                AuditChecks.Start(chain.StartProblem, chain.VouchedBy),
                checks.CheckpointSignatures(),
                checks.Truncation(),
                checks.Files(),
                checks.Anchor(anchor),
            };

            return new AuditVerificationResult(folder, files, walk.EntryCount, walk.LastSequence, walk.LastHash, checks.FirstProblem(results, chain),
                walk.IncompleteTail, chain.VouchedBy, results, key?.KeyId);
        }

        private static bool IsWholeEntry(AuditLine line, string file)
        {
            if (!AuditHashing.TrySplit(line.Bytes, line.Length, out _, out _))
            {
                return false;
            }

            try
            {
                AuditEntryReader.Parse(line, file);
                return true;
            }
            catch (InputFileException)
            {
                return false;
            }
        }
    }
}
