using System;
using System.Text;
using System.Text.Json;

namespace Aether.TitanHst
{
    /// <summary>
    /// Valid JSON is not yet text: System.Text.Json decodes a string (a name or a value) only when it is read, and an
    /// escaped lone UTF-16 surrogate ("\ud800") is valid JSON that no decoding turns into text. A reader that must
    /// name the line and member of such a string decodes or finds it here, so it is a problem of its line, never an
    /// <see cref="InvalidOperationException"/> without one (the contract's line index, the audit entry reader, the
    /// snapshot's document path); a reader for which any unreadable line only means doubt (the kept snapshot's id
    /// scan, the seal) catches the exception instead.
    /// </summary>
    internal static class JsonText
    {
        /// <summary>The current token's string, or false (and null) when it is not text.</summary>
        internal static bool TryGetString(ref Utf8JsonReader reader, out string? text)
        {
            try
            {
                text = reader.GetString();
                return true;
            }
            catch (InvalidOperationException)
            {
                text = null;
                return false;
            }
        }

        /// <summary>
        /// The member holding the first string of <paramref name="json"/> (already parsed) that is not text, as its name
        /// is written on the line (escapes kept): names and values at any depth, or top-level names only. Null when every
        /// string is text. Only escaped strings can fail to decode, so only they are decoded.
        /// </summary>
        internal static string? FirstNotText(ReadOnlySpan<byte> json, bool topLevelNamesOnly)
        {
            var reader = new Utf8JsonReader(json);
            var (nameStart, nameLength) = (0, 0);
            while (reader.Read())
            {
                var isName = reader.TokenType == JsonTokenType.PropertyName;
                if (isName ? topLevelNamesOnly && reader.CurrentDepth != 1 : topLevelNamesOnly || reader.TokenType != JsonTokenType.String)
                {
                    continue;
                }

                if (isName)
                {
                    // After the opening quote; read as text only if it is the one reported.
                    (nameStart, nameLength) = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                }

                if (reader.ValueIsEscaped && !TryGetString(ref reader, out _))
                {
                    return Encoding.UTF8.GetString(json.Slice(nameStart, nameLength).ToArray());
                }
            }

            return null;
        }
    }
}
