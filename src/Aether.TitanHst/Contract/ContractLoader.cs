using System;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aether.TitanHst.Errors;

namespace Aether.TitanHst.Contract
{
    /// <summary>
    /// Reads a mapping contract (JSON with comments), validates it, loads its mapping tables and computes its hash.
    /// Every problem comes back as an <see cref="InputFileException"/> naming file, line and property.
    /// </summary>
    public static class ContractLoader
    {
        /// <summary>The contract format this version of the module reads.</summary>
        public const int SupportedFormat = 1;

        private static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            Converters = { new TextListConverter() },
        };

        private static readonly Regex UnmappedMember = new("The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant);

        public static MappingContract Load(string path)
        {
            // Every extraction and diff loads its contract first: the other core compiles the hot path meanwhile.
            HotPathCompilation.StartOnce();
            var fullPath = ContractPaths.FullPath(path, string.Empty, string.Empty);
            InputFiles.RequireFile(fullPath, "contract file not found", InputPathOrigin.CommandLine);

            var bytes = File.ReadAllBytes(fullPath);
            var json = StripUtf8Bom(bytes);
            if (json.Length == 0 || IsWhitespace(json))
            {
                throw new InputFileException(InputErrorIds.ContractJsonInvalid, fullPath, 1, string.Empty, "the contract file is empty");
            }

            // Valid JSON is not yet text: a string's bytes are decoded only when read, so a byte that is not UTF-8 is
            // refused here, naming its line, rather than later as "the wrong type" or not at all.
            var invalid = Utf8Sequence.FirstInvalid(json);
            if (invalid >= 0)
            {
                var line = 1;
                for (var i = 0; i < invalid; i++)
                {
                    line += json[i] == (byte)'\n' ? 1 : 0;
                }

                throw new InputFileException(InputErrorIds.ContractJsonInvalid, fullPath, line, string.Empty,
                    $"the contract is not valid UTF-8 (byte 0x{json[invalid]:X2}); save it as UTF-8");
            }

            var lines = new JsonLineIndex(json);
            if (lines.NotText is { } notText)
            {
                throw new InputFileException(InputErrorIds.ContractJsonInvalid, fullPath, notText.Line, notText.Path, notText.IsName
                    ? "the property name holds an escaped lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not text; type the name again"
                    : "the value holds an escaped lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not text; type the value again");
            }

            if (lines.Duplicate is { } duplicate)
            {
                throw new InputFileException(InputErrorIds.ContractPropertyDuplicate, fullPath, duplicate.SecondLine, duplicate.Path,
                    $"the property is given twice in the same object (lines {duplicate.FirstLine} and {duplicate.SecondLine}); JSON readers keep only one of them, so keep one");
            }

            var document = Parse(json, fullPath);
            try
            {
                var builder = new ContractBuilder(document, fullPath);
                return builder.Build(ContractCanonicalJson.Write(json));
            }
            catch (ContractPathException ex)
            {
                throw new InputFileException(ex.ErrorId, fullPath, lines.LineOf(ex.PropertyPath), ex.PropertyPath, ex.Message, ex);
            }
        }

        private static ContractDocument Parse(byte[] json, string path)
        {
            try
            {
                return JsonSerializer.Deserialize<ContractDocument>(json, Options)
                    ?? throw new InputFileException(InputErrorIds.ContractJsonInvalid, path, 1, string.Empty, "the contract must be a JSON object");
            }
            catch (JsonException ex)
            {
                var line = (int)(ex.LineNumber ?? 0) + 1;
                var property = (ex.Path ?? string.Empty).TrimStart('$').TrimStart('.');
                var unknown = UnmappedMember.Match(ex.Message);
                if (unknown.Success)
                {
                    var name = unknown.Groups["name"].Value;
                    property = property.Length == 0 ? name : property.EndsWith(name, StringComparison.Ordinal) ? property : $"{property}.{name}";
                    throw new InputFileException(InputErrorIds.ContractPropertyUnknown, path, line, property,
                        "unknown property (a typo?); docs/mapping-contract.md lists the properties a contract may have", ex);
                }

                var problem = ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                    ? "the value has the wrong type (for example text where a list is expected)"
                    : TrimLocation(ex.Message);
                throw new InputFileException(InputErrorIds.ContractJsonInvalid, path, line, property, problem, ex);
            }
        }

        private static string TrimLocation(string message)
        {
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return cut > 0 ? message.Substring(0, cut) : message;
        }

        private static byte[] StripUtf8Bom(byte[] bytes) =>
            bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes.AsSpan(3).ToArray() : bytes;

        private static bool IsWhitespace(byte[] bytes)
        {
            foreach (var b in bytes)
            {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
