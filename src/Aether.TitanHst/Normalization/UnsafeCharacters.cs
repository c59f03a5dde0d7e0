using System.Runtime.CompilerServices;
using System.Text;

namespace Aether.TitanHst.Normalization
{
    /// <summary>
    /// Characters that must not reach TitanHST from an export: C0/C1 control characters (NUL included; tab, CR and LF
    /// are left to the whitespace rules), bidi embeddings and overrides (U+202A-202E, U+2066-2069, which make a name
    /// display as something else) and zero-width characters (U+200B-200D, U+2060, U+FEFF, which make two equal-looking
    /// names differ).
    /// </summary>
    public static class UnsafeCharacters
    {
        [MethodImpl(Hot.Path)]
        public static bool IsUnsafe(char c) =>
            (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
            || (c >= 0x7F && c <= 0x9F)
            || (c >= '\u202A' && c <= '\u202E')
            || (c >= '\u2066' && c <= '\u2069')
            || (c >= '\u200B' && c <= '\u200D')
            || c == '\u2060'
            || c == '\uFEFF';

        /// <summary>True when <paramref name="value"/> holds at least one unsafe character.</summary>
        [MethodImpl(Hot.Path)]
        public static bool Any(string value)
        {
            foreach (var c in value)
            {
                // Printable ASCII, nearly every character of an export, is never unsafe: one comparison, not seven.
                if ((uint)(c - 0x20) < 0x5F)
                {
                    continue;
                }

                if (IsUnsafe(c))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value without its unsafe characters (the same instance when it has none).</summary>
        [MethodImpl(Hot.Path)]
        public static string Strip(string value)
        {
            if (!Any(value))
            {
                return value;
            }

            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (!IsUnsafe(c))
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>Names the kinds found, for a warning that must not carry the (personal) value itself.</summary>
        public static string Describe(string value)
        {
            bool control = false, bidi = false, zeroWidth = false;
            foreach (var c in value)
            {
                control |= (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || (c >= 0x7F && c <= 0x9F);
                bidi |= (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
                zeroWidth |= (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF';
            }

            var kinds = new System.Collections.Generic.List<string>();
            if (control)
            {
                kinds.Add("control characters");
            }

            if (bidi)
            {
                kinds.Add("bidirectional overrides");
            }

            if (zeroWidth)
            {
                kinds.Add("zero-width characters");
            }

            return string.Join(", ", kinds);
        }
    }
}
