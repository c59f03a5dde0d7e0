using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aether.TitanHst.Emulator;

/// <summary>One writer setting for every response: readable names (no \u00ED for í) and ETags as \"3\", not \u00223\u0022.</summary>
internal static class JsonWriting
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
