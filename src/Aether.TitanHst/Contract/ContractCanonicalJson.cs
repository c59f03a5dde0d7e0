using System.IO;
using System.Text.Json;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// The contract's content without comments, white space or its "$schema" hint, so that reformatting or
    /// re-commenting a contract does not change its hash but any change to what it says does.
    /// </summary>
    internal static class ContractCanonicalJson
    {
        internal static byte[] Write(byte[] json)
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name != "$schema")
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            return stream.ToArray();
        }
    }
}
