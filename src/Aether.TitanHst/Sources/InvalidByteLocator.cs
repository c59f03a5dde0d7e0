using System.IO;
using System.Text;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// Finds the line of the first byte a strict decoder rejects. The reader reports a decoding failure only
    /// for a buffer; this rescans the file so the error can name the exact line an operator must fix.
    /// </summary>
    internal static class InvalidByteLocator
    {
        internal static (int Line, int Byte) Find(string path, Encoding encoding, int skip)
        {
            var decoder = encoding.GetDecoder();
            var line = 1;
            var single = new byte[1];
            var chars = new char[4];
            using var stream = File.OpenRead(path);
            stream.Position = skip;
            int b;
            // A multi-byte sequence is only rejected at the byte that breaks it; report the byte that began it.
            int pendingByte = -1, pendingLine = 0;
            while ((b = stream.ReadByte()) >= 0)
            {
                single[0] = (byte)b;
                int produced;
                try
                {
                    produced = decoder.GetChars(single, 0, 1, chars, 0, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    return pendingByte >= 0 ? (pendingLine, pendingByte) : (line, b);
                }

                if (produced == 0 && pendingByte < 0)
                {
                    pendingByte = b;
                    pendingLine = line;
                }
                else if (produced > 0)
                {
                    pendingByte = -1;
                }

                if (b == '\n')
                {
                    line++;
                }
            }

            return (line, -1);
        }
    }
}
