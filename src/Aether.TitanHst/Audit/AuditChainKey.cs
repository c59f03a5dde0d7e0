using System;
using System.IO;
using System.Security.Cryptography;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// The keys that make the audit log stand up to someone who can write its folder: one HMAC-SHA256 key for the
    /// entries' chain ("audit-chain") and one for the checkpoints ("audit-checkpoint"), both derived from the
    /// per-installation key (<see cref="InstallationKey"/>), which lives in its own folder, never in the audit folder.
    /// Without that key nobody can append, alter or re-chain an entry, or sign a checkpoint, that verifies.
    /// </summary>
    internal sealed class AuditChainKey : IDisposable
    {
        public const string ChainPurpose = "audit-chain";
        public const string CheckpointPurpose = "audit-checkpoint";

        private readonly HMACSHA256 _chain;
        private readonly HMACSHA256 _checkpoint;

        private AuditChainKey(InstallationKey key)
        {
            KeyId = key.KeyId;
            KeyPath = key.Path;
            _chain = new HMACSHA256(key.DeriveKey(ChainPurpose));
            _checkpoint = new HMACSHA256(key.DeriveKey(CheckpointPurpose));
        }

        /// <summary>The installation key's public fingerprint, recorded in each checkpoint.</summary>
        public string KeyId { get; }

        public string KeyPath { get; }

        /// <summary>
        /// Loads the installation key for writing, creating it on first use. Refuses a key kept inside the audit
        /// folder: whoever can write the log could then also read the key and re-sign a rewritten chain.
        /// </summary>
        public static AuditChainKey ForWriting(string auditFolder, string? keyFolder)
        {
            var folder = Path.GetFullPath(keyFolder ?? InstallationKey.DefaultFolder);
            RefuseInside(auditFolder, folder);
            using var key = InstallationKey.LoadOrCreate(folder);
            return new AuditChainKey(key);
        }

        /// <summary>Loads the key for verifying, never creating one (a new key would make every entry look forged); null when absent.</summary>
        public static AuditChainKey? ForVerifying(string? keyFolder)
        {
            var folder = Path.GetFullPath(keyFolder ?? InstallationKey.DefaultFolder);
            if (!File.Exists(Path.Combine(folder, InstallationKey.FileName)))
            {
                return null;
            }

            using var key = InstallationKey.LoadOrCreate(folder);
            return new AuditChainKey(key);
        }

        /// <summary>The chain MAC of an entry's bytes before <c>,"hash":</c>.</summary>
        public string MacEntry(byte[] bytes, int count) => AuditHashing.KeyedPrefix + AuditHashing.Hex(Compute(_chain, bytes, count));

        /// <summary>The MAC of a checkpoint's bytes before <c>,"mac":</c>.</summary>
        public string MacCheckpoint(byte[] bytes, int count) => AuditHashing.KeyedPrefix + AuditHashing.Hex(Compute(_checkpoint, bytes, count));

        public void Dispose()
        {
            _chain.Dispose();
            _checkpoint.Dispose();
        }

        private static byte[] Compute(HMACSHA256 hmac, byte[] bytes, int count)
        {
            // One HMAC object per purpose, shared by threads that hold the writer's gate or run one verification.
            lock (hmac)
            {
                return hmac.ComputeHash(bytes, 0, count);
            }
        }

        private static void RefuseInside(string auditFolder, string keyFolder)
        {
            var audit = Path.GetFullPath(auditFolder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var key = keyFolder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (key.StartsWith(audit, StringComparison.OrdinalIgnoreCase))
            {
                throw new InputFileException(AuditErrorIds.AuditKeyInsideLog, keyFolder, 0, string.Empty,
                    $"the installation key folder is inside the audit folder; keep it apart ({InstallationKey.FolderVariable}), so that whoever can write the log cannot also sign it");
            }
        }
    }
}
