using System;
using System.Text;

namespace Aether.TitanHst.Sources
{
    /// <summary>Resolves the encoding names a contract may use, strictly: bad bytes are errors, never "?".</summary>
    public static class TextEncodings
    {
        public const string Utf8 = "utf-8";
        public const string Windows1252 = "windows-1252";

        /// <summary>The names accepted in a contract, for error messages and the JSON Schema.</summary>
        public static readonly string[] Names = { Utf8, Windows1252, "iso-8859-1", "utf-16" };

        private static readonly Lazy<bool> CodePagesRegistered = new(() =>
        {
            // .NET Core carries only Unicode and Latin-1 without this; .NET Framework ignores it.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return true;
        });

        /// <summary>Returns a decoder that throws on bytes invalid in that encoding.</summary>
        public static Encoding Resolve(string name)
        {
            _ = CodePagesRegistered.Value;
            switch (name.Trim().ToLowerInvariant())
            {
                case "utf-8":
                case "utf8":
                case "utf-8-bom":
                    return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
                case "windows-1252":
                case "cp1252":
                    return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                case "iso-8859-1":
                case "latin1":
                    return Encoding.GetEncoding(28591, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                case "utf-16":
                case "utf-16le":
                    return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
                default:
                    throw new ArgumentException($"unknown encoding '{name}'; use one of {string.Join(", ", Names)}");
            }
        }

        /// <summary>True when <paramref name="name"/> is one of the UTF-8 spellings.</summary>
        public static bool IsUtf8(string name) => Resolve(name) is UTF8Encoding;
    }
}
