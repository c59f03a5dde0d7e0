using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// Reads the contract's lists of text (columns, ownedFields, in, values, ...), refusing a null item where it is
    /// read: the serializer keeps it, and the builder then failed on it with a bare ArgumentNullException (ownedFields).
    /// </summary>
    internal sealed class TextListConverter : JsonConverter<List<string>>
    {
        public override List<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                // No message: the serializer's own ("could not be converted"), which the loader words as a wrong type.
                throw new JsonException();
            }

            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    throw new JsonException($"item {list.Count} of the list is null; give text, or remove the item");
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new JsonException();
                }

                list.Add(reader.GetString()!);
            }

            return list;
        }

        public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }
    }
}
