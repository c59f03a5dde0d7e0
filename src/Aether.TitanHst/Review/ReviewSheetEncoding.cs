using System.IO;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Review
{
    /// <summary>
    /// What to tell someone whose review sheet is not UTF-8. Export-TitanHstReview writes UTF-8 with a byte order
    /// mark; a sheet that is not was saved again by a spreadsheet in another encoding: Excel's "CSV (Comma delimited)"
    /// uses the computer's code page (Windows-1252 in most districts) and "Unicode Text" UTF-16. The fix is a save
    /// option, not a contract setting.
    /// </summary>
    internal static class ReviewSheetEncoding
    {
        internal static InputFileException Refusal(InputFileException readerError)
        {
            var path = readerError.File;
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (IOException)
            {
                bytes = System.Array.Empty<byte>();
            }

            var utf16 = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));
            var invalid = utf16 ? -1 : Utf8Sequence.FirstInvalid(bytes);
            var what = utf16
                ? "the sheet was saved as UTF-16 (Excel's 'Unicode Text')"
                : invalid >= 0
                    ? $"the sheet is not UTF-8 (byte 0x{bytes[invalid]:X2}): it was saved in another encoding, as Excel's 'CSV (Comma delimited)' does"
                    : "the sheet is not UTF-8: it was saved in another encoding";
            return new InputFileException(ReviewErrorIds.ReviewSheetNotUtf8, path, readerError.Line, string.Empty,
                what + "; save it as 'CSV UTF-8 (Comma delimited)', or export a new sheet", readerError);
        }
    }
}
