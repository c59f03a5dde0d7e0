using System;

namespace Aether.TitanHst.Sources
{
    /// <summary>Counts line breaks the way an editor numbers lines: CR LF, a lone LF and a lone CR (old Mac exports) each end one line.</summary>
    internal static class LineBreaks
    {
        /// <summary>The line breaks in <paramref name="text"/>; with <paramref name="trailing"/> false, one break at the very end is not counted.</summary>
        internal static int Count(string? text, bool trailing = true) => text is null ? 0 : Count(text.AsSpan(), trailing);

        /// <summary>The line breaks in <paramref name="text"/>, counted as <see cref="Count(string, bool)"/> does.</summary>
        internal static int Count(ReadOnlySpan<char> text, bool trailing = true)
        {
            if (text.Length == 0)
            {
                return 0;
            }

            var count = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                {
                    count++;
                }
            }

            if (!trailing && (text[text.Length - 1] == '\n' || text[text.Length - 1] == '\r'))
            {
                count--;
            }

            return count;
        }
    }
}
