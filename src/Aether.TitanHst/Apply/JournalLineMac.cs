using System;
using System.Security.Cryptography;
using System.Text;
using Aether.TitanHst.Security;

namespace Aether.TitanHst.Apply
{
    /// <summary>
    /// The MAC at the end of every journal line: HMAC-SHA256 under the installation key's "journal" key over the run id
    /// and the line's text before it, so a line cannot be edited, forged, or moved from another run. A line is
    /// <c>{…record…,"mac":"hex"}</c>.
    /// </summary>
    internal sealed class JournalLineMac : IDisposable
    {
        private const string Member = ",\"mac\":\"";
        private readonly HMACSHA256 _hmac;
        private readonly byte[] _prefix;
        private readonly object _gate = new();

        internal JournalLineMac(InstallationKey key, string runId)
        {
            _hmac = new HMACSHA256(key.DeriveKey("journal"));
            _prefix = Encoding.UTF8.GetBytes(runId + "\n");
        }

        /// <summary>The record's JSON object with its MAC added as the last member.</summary>
        internal string Sign(string json) => json.Substring(0, json.Length - 1) + Member + Compute(json) + "\"}";

        /// <summary>True when the line ends with a MAC that matches the rest of it.</summary>
        internal bool Verify(string line)
        {
            var at = line.LastIndexOf(Member, StringComparison.Ordinal);
            if (at < 0 || !line.EndsWith("\"}", StringComparison.Ordinal) || line.Length - at - Member.Length - 2 != 64)
            {
                return false;
            }

            var body = line.Substring(0, at) + "}";
            return Hex.SameAsWritten(Compute(body), line.Substring(at + Member.Length, 64));
        }

        public void Dispose() => _hmac.Dispose();

        private string Compute(string json)
        {
            var text = Encoding.UTF8.GetBytes(json);
            var data = new byte[_prefix.Length + text.Length];
            Buffer.BlockCopy(_prefix, 0, data, 0, _prefix.Length);
            Buffer.BlockCopy(text, 0, data, _prefix.Length, text.Length);
            byte[] hash;
            lock (_gate)
            {
                hash = _hmac.ComputeHash(data);
            }

            var sb = new StringBuilder(64);
            foreach (var b in hash)
            {
                sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }
    }
}
