using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aether.TitanHst.Emulator.Infrastructure;

/// <summary>
/// Parses a request body the way docs §1/§8 read it: strict UTF-8 (an invalid byte is malformed JSON, never a
/// stored U+FFFD), no duplicate member names, no unpaired surrogate escapes. Each of these used to surface as a
/// bare 500 or a silently altered value; now each is a reason for a 400 bad-request, decided before anything runs.
/// </summary>
internal static class StrictJson
{
    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The parsed node, or null with a reason a client can act on.</summary>
    public static JsonNode? Parse(byte[] utf8, out string? error)
    {
        error = null;
        try
        {
            Utf8Strict.GetCharCount(utf8);
        }
        catch (DecoderFallbackException)
        {
            error = "The body is not valid UTF-8.";
            return null;
        }

        try
        {
            Walk(utf8);
            return JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            error = "The body is not valid JSON: " + e.Message;
        }
        catch (DuplicateMemberException e)
        {
            error = $"The body repeats the member '{e.Name}'.";
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString throws this for an escape that is not valid UTF-16 (e.g. "\ud800" alone).
            error = "The body holds a string that is not valid Unicode (an unpaired surrogate escape).";
        }

        return null;
    }

    /// <summary>Reads every token once: decodes every string and name, and tracks member names per object.</summary>
    private static void Walk(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var names = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    names.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    names.Push(null);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    names.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    if (names.Peek() is { } seen && !seen.Add(name))
                    {
                        throw new DuplicateMemberException(name);
                    }

                    break;
                case JsonTokenType.String:
                    reader.GetString();
                    break;
            }
        }
    }

    private sealed class DuplicateMemberException(string name) : Exception("Duplicate member " + name)
    {
        public string Name { get; } = name;
    }
}
