using System;
using System.IO;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// Spots an export declared Windows-1252 that is really UTF-8: such a file decodes without error but turns
    /// "Peña" into "PeÃ±a", so the strict reader cannot catch it.
    /// </summary>
    public static class EncodingSniffer
    {
        /// <summary>True when the first megabyte holds multi-byte UTF-8 sequences and nothing invalid as UTF-8.</summary>
        public static bool LooksLikeUtf8(string path)
        {
            var buffer = new byte[1 << 20];
            int count;
            using (var stream = File.OpenRead(path))
            {
                count = stream.Read(buffer, 0, buffer.Length);
            }

            return Utf8Sequence.Classify(new ReadOnlySpan<byte>(buffer, 0, count)) == Utf8Sequence.Kind.Utf8;
        }
    }
}
