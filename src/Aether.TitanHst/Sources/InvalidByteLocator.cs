using System.Text;

namespace Aether.TitanHst.Sources
{
    /// <summary>
    /// Finds the line of the first byte a strict decoder rejects. The reader reports a decoding failure only
    /// for a buffer; this rescans the same bytes so the error can name the exact line an operator must fix.
    /// </summary>
    internal static class InvalidByteLocator
    {
        /// <summary>
        /// The line and byte of the first invalid sequence; <c>Truncated</c> when the file ends inside a multi-byte
        /// sequence; <c>Byte</c> is -1 when no single byte can be blamed.
        /// </summary>
        internal static (int Line, int Byte, bool Truncated) Find(byte[] bytes, Encoding encoding, int skip)
        {
            var decoder = encoding.GetDecoder();
            var line = 1;
            var single = new byte[1];
            var chars = new char[4];
            var previous = '\0';
            // A multi-byte sequence is only rejected at the byte that breaks it; report the byte that began it.
            int pendingByte = -1, pendingLine = 0;
            for (var i = skip; i < bytes.Length; i++)
            {
                var b = bytes[i];
                single[0] = b;
                int produced;
                try
                {
                    produced = decoder.GetChars(single, 0, 1, chars, 0, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    return pendingByte >= 0 ? (pendingLine, pendingByte, false) : (line, b, false);
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

                // Lines are counted on decoded characters (a 0x0A byte inside UTF-16 text is not a line feed), CR LF,
                // LF and a lone CR each ending one.
                for (var c = 0; c < produced; c++)
                {
                    if (chars[c] == '\n' && previous != '\r')
                    {
                        line++;
                    }
                    else if (chars[c] == '\r')
                    {
                        line++;
                    }

                    previous = chars[c];
                }
            }

            try
            {
                decoder.GetChars(single, 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException)
            {
                return (pendingByte >= 0 ? pendingLine : line, pendingByte, pendingByte >= 0);
            }

            return pendingByte >= 0 ? (pendingLine, pendingByte, true) : (line, -1, false);
        }
    }
}
