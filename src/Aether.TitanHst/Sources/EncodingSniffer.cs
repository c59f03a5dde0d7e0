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

            var multiByte = 0;
            for (var i = 0; i < count; i++)
            {
                var b = buffer[i];
                if (b < 0x80)
                {
                    continue;
                }

                var length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
                if (length == 0)
                {
                    return false;
                }

                if (i + length > count)
                {
                    break;
                }

                for (var k = 1; k < length; k++)
                {
                    if ((buffer[i + k] & 0xC0) != 0x80)
                    {
                        return false;
                    }
                }

                multiByte++;
                i += length - 1;
            }

            return multiByte > 0;
        }
    }
}
