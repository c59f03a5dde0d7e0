using System;
using System.Buffers;
using System.Text.Json;

namespace Aether.TitanHst.Emulator.Endpoints;

/// <summary>Builds a JSON response body with a writer callback.</summary>
internal static class JsonBody
{
    public const string ContentType = "application/json; charset=utf-8";

    public static BytesResult Create(int status, Action<Utf8JsonWriter> write, int capacity = 1024)
    {
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using (var w = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            write(w);
        }

        return new BytesResult(status, ContentType, buffer.WrittenSpan.ToArray());
    }
}
