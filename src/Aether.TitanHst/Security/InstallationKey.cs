using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Security
{
    /// <summary>
    /// The per-installation secret that authenticates the files the module reads back (plans, run folders, the audit
    /// chain and its checkpoints). 32 random bytes in <c>installation.key</c>, in a folder kept apart from plans, runs
    /// and the audit log (AETHER_TITANHST_KEYS, else the user's local data folder, Aether.TitanHst/keys), owner-only.
    /// Someone who can write a plan or the audit folder but cannot read this key cannot forge a MAC. Each purpose
    /// gets its own derived key (HMAC(master, "aether-titanhst/" + purpose)), so a MAC made for one kind of file never
    /// verifies as another.
    /// </summary>
    public sealed class InstallationKey : IDisposable
    {
        /// <summary>The environment variable naming the key folder.</summary>
        public const string FolderVariable = "AETHER_TITANHST_KEYS";

        /// <summary>The key file's name inside the key folder.</summary>
        public const string FileName = "installation.key";

        private const int KeyLength = 32;
        private readonly byte[] _master;

        private InstallationKey(byte[] master, string path)
        {
            _master = master;
            Path = path;
            KeyId = ComputeKeyId(master);
        }

        /// <summary>The key file's full path (never its content).</summary>
        public string Path { get; }

        /// <summary>A short public fingerprint of the key (first 8 bytes of SHA-256 over it, hex), recorded beside each MAC.</summary>
        public string KeyId { get; }

        /// <summary>The default key folder: AETHER_TITANHST_KEYS, else the user's local data folder.</summary>
        public static string DefaultFolder
        {
            get
            {
                var fromEnvironment = Environment.GetEnvironmentVariable(FolderVariable);
                return !string.IsNullOrWhiteSpace(fromEnvironment)
                    ? System.IO.Path.GetFullPath(fromEnvironment)
                    : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "Aether.TitanHst", "keys");
            }
        }

        /// <summary>Reads the key in <paramref name="folder"/> (the default folder when null), creating it on first use.</summary>
        public static InstallationKey LoadOrCreate(string? folder = null)
        {
            folder = folder ?? DefaultFolder;
            PrivateFiles.CreateFolder(folder);
            var path = System.IO.Path.Combine(folder, FileName);
            if (!File.Exists(path))
            {
                TryCreate(path);
            }

            var key = File.ReadAllBytes(path);
            if (key.Length != KeyLength)
            {
                throw new InputFileException(InputErrorIds.InstallationKeyInvalid, path, 0, string.Empty,
                    $"the installation key must be {KeyLength} bytes; it has {key.Length}. Restore it from backup: plans, runs and audit checkpoints made with another key no longer verify");
            }

            return new InstallationKey(key, path);
        }

        /// <summary>HMAC-SHA256 of <paramref name="data"/> under the key derived for <paramref name="purpose"/>, as lower-case hex.</summary>
        public string Mac(string purpose, byte[] data)
        {
            using (var hmac = new HMACSHA256(DeriveKey(purpose)))
            {
                return Hex.Of(hmac.ComputeHash(data));
            }
        }

        /// <summary>MAC over the UTF-8 bytes of <paramref name="text"/>.</summary>
        public string Mac(string purpose, string text) => Mac(purpose, Encoding.UTF8.GetBytes(text));

        /// <summary>True when <paramref name="mac"/> is the MAC of <paramref name="data"/> for <paramref name="purpose"/> (constant-time compare).</summary>
        public bool Verify(string purpose, byte[] data, string? mac) => Hex.SameAsWritten(Mac(purpose, data), mac);

        /// <summary>Verify over the UTF-8 bytes of <paramref name="text"/>.</summary>
        public bool Verify(string purpose, string text, string? mac) => Verify(purpose, Encoding.UTF8.GetBytes(text), mac);

        /// <summary>The key derived for one purpose; callers that MAC many records (the audit chain) keep one HMAC of it.</summary>
        public byte[] DeriveKey(string purpose)
        {
            using (var hmac = new HMACSHA256(_master))
            {
                return hmac.ComputeHash(Encoding.UTF8.GetBytes("aether-titanhst/" + purpose));
            }
        }

        public void Dispose() => Array.Clear(_master, 0, _master.Length);

        private static void TryCreate(string path)
        {
            var key = new byte[KeyLength];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(key);
            }

            // Written whole under a temporary name, then given the key's name only if no other process gave it one first:
            // a reader never sees a key half written (or locked while it is), and a winner's key is never overwritten.
            using (var pending = PendingFile.Create(path))
            {
                pending.Stream.Write(key, 0, key.Length);
                _ = pending.CommitIfAbsent();
            }
        }

        private static string ComputeKeyId(byte[] master)
        {
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(master);
                return Hex.Of(hash).Substring(0, 16);
            }
        }
    }
}
