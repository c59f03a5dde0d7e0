using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// Maps JSON property paths ("sources.hr.columns[2]") to the line they start on, so that a problem found
    /// after parsing can still name the line an operator must fix.
    /// </summary>
    internal sealed class JsonLineIndex
    {
        private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

        internal JsonLineIndex(byte[] utf8)
        {
            var newlines = new List<int>();
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    newlines.Add(i);
                }
            }

            int LineOf(long offset)
            {
                var index = newlines.BinarySearch((int)offset);
                return (index < 0 ? ~index : index) + 1;
            }

            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var stack = new Stack<Frame>();
            string? pendingName = null;
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            var nameLine = LineOf(reader.TokenStartIndex);
                            if (!JsonText.TryGetString(ref reader, out pendingName))
                            {
                                // Valid JSON, not text (an escaped lone surrogate): named as written, escapes kept.
                                pendingName = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                                NotText ??= (Combine(stack.Count > 0 ? stack.Peek().Path : string.Empty, pendingName), nameLine, true);
                            }

                            var path = Combine(stack.Count > 0 ? stack.Peek().Path : string.Empty, pendingName ?? string.Empty);
                            if (stack.Count > 0)
                            {
                                var names = stack.Peek().Names;
                                if (names.TryGetValue(pendingName ?? string.Empty, out var firstLine))
                                {
                                    // The serializer would keep the last value silently; a second "safety" must not relax the first.
                                    Duplicate ??= (path, firstLine, nameLine);
                                }
                                else
                                {
                                    names.Add(pendingName ?? string.Empty, nameLine);
                                }
                            }

                            if (!_lines.ContainsKey(path))
                            {
                                _lines[path] = nameLine;
                            }

                            break;
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            var containerPath = ValuePath(stack, pendingName, LineOf(reader.TokenStartIndex));
                            stack.Push(new Frame(containerPath, reader.TokenType == JsonTokenType.StartArray));
                            pendingName = null;
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            stack.Pop();
                            break;
                        default:
                            var valueLine = LineOf(reader.TokenStartIndex);
                            var valuePath = ValuePath(stack, pendingName, valueLine);
                            // A value is decoded only where it is used, and some are kept as JSON (rules, unmapped): one
                            // that is not text failed there, bare, so every string is checked here, where its line is known.
                            if (reader.TokenType == JsonTokenType.String && !JsonText.TryGetString(ref reader, out _))
                            {
                                NotText ??= (valuePath, valueLine, false);
                            }

                            pendingName = null;
                            break;
                    }
                }
            }
            catch (JsonException)
            {
                // Malformed JSON is reported by the parser with its own line; the index keeps what it saw.
            }
        }

        /// <summary>
        /// The first property name or string value that is not text (an escaped lone UTF-16 surrogate), with its path,
        /// its line and whether it is a name, or null.
        /// </summary>
        internal (string Path, int Line, bool IsName)? NotText { get; private set; }

        /// <summary>The first property named twice in one object, with the lines of both, or null.</summary>
        internal (string Path, int FirstLine, int SecondLine)? Duplicate { get; private set; }

        /// <summary>The line of <paramref name="path"/>, or of its nearest ancestor present in the file.</summary>
        internal int LineOf(string path)
        {
            while (true)
            {
                if (_lines.TryGetValue(path, out var line))
                {
                    return line;
                }

                var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                if (cut <= 0)
                {
                    return 1;
                }

                path = path.Substring(0, cut);
            }
        }

        internal static string Combine(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

        private string ValuePath(Stack<Frame> stack, string? pendingName, int line)
        {
            if (stack.Count == 0)
            {
                return string.Empty;
            }

            var parent = stack.Peek();
            if (parent.IsArray)
            {
                var path = parent.Path + "[" + parent.NextIndex++ + "]";
                _lines[path] = line;
                return path;
            }

            return Combine(parent.Path, pendingName ?? string.Empty);
        }

        private sealed class Frame
        {
            internal Frame(string path, bool isArray)
            {
                Path = path;
                IsArray = isArray;
            }

            internal string Path { get; }

            internal bool IsArray { get; }

            internal int NextIndex { get; set; }

            internal Dictionary<string, int> Names { get; } = new(StringComparer.Ordinal);
        }
    }
}
