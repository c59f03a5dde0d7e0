using System;
using System.Text.Json;

namespace Aether.TitanHst
{
    /// <summary>
    /// Valid JSON is not yet text: System.Text.Json decodes a string (a name or a value) only when it is read, and an
    /// escaped lone UTF-16 surrogate ("\ud800") is valid JSON that no decoding turns into text. Every reader of a file
    /// or answer the module did not just write reads strings through here, so such a string is a problem of its line,
    /// never an <see cref="InvalidOperationException"/> without one.
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
    }
}
