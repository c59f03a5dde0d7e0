using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Aether.TitanHst.Errors;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Audit
{
    /// <summary>
    /// The audit folder's secret for hashed values: 32 random bytes in <c>audit.key</c>, created on first use and
    /// readable by the owner only on Unix (mode 0600; on Windows it inherits the folder's ACL). Without it nobody can
    /// test a guessed name against a hash; with it, equal values hash equally in every file of the folder.
    /// </summary>
    internal sealed class AuditKey : IDisposable
    {
        private const int KeyLength = 32;
        private readonly HMACSHA256 _hmac;

        private AuditKey(byte[] key) => _hmac = new HMACSHA256(key);

        /// <summary>Reads the key, creating it if absent. Call under the folder lock, so two processes agree on one key.</summary>
        public static AuditKey LoadOrCreate(string folder)
        {
            var path = Path.Combine(folder, AuditFolder.KeyFileName);
            if (!File.Exists(path))
            {
                Create(path);
            }

            var key = File.ReadAllBytes(path);
            if (key.Length != KeyLength)
            {
                throw new InputFileException(AuditErrorIds.AuditKeyInvalid, path, 0, string.Empty,
                    $"the audit key must be {KeyLength} bytes; it has {key.Length}. Restore it from backup: hashed values made with another key no longer match");
            }

            return new AuditKey(key);
        }

        /// <summary>"hmac:" and lower-case hex of HMAC-SHA256(key, UTF-8 value).</summary>
        public string Hash(string value) => "hmac:" + AuditHashing.Hex(_hmac.ComputeHash(Encoding.UTF8.GetBytes(value)));

        public void Dispose() => _hmac.Dispose();

        private static void Create(string path)
        {
            var key = new byte[KeyLength];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(key);
            }

            // CreateNew: a key already there (another process won a race) is never overwritten; owner-only from the
            // moment it exists, so it is never readable by others, even for an instant.
            using (var stream = PrivateFiles.CreateNew(path))
            {
                stream.Write(key, 0, key.Length);
                stream.Flush(true);
            }
        }
    }
}
