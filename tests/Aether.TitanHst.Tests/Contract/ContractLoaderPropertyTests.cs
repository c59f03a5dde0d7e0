using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Contract;
using Aether.TitanHst.Errors;
using CsCheck;
using Xunit.Abstractions;

namespace Aether.TitanHst.Tests.Contract
{
    /// <summary>
    /// Any damaged or hand-edited contract is loaded or refused with an <see cref="InputFileException"/> naming file and
    /// line: never a bare runtime exception, which PowerShell shows without the place to fix. The edits are what a hand,
    /// an editor or a merge makes: a byte overwritten, a piece of JSONC inserted (punctuation, literals, numbers out of
    /// range, escapes and escaped lone surrogates, comments, bytes that are not UTF-8), a slice of the contract repeated,
    /// bytes cut; a value replaced by one of another type or out of range; an optional section or setting added with
    /// such a value; a mapping table's CSV damaged.
    /// </summary>
    public sealed class ContractLoaderPropertyTests(ITestOutputHelper output)
    {
        private static readonly string[] Tables = { "mappings/roles.csv", "mappings/hr-sites.csv", "mappings/aeries-sites.csv" };

        // Pieces inserted anywhere, or whose first byte overwrites one.
        private static readonly byte[][] Pieces = new[]
        {
            " ", "\t", "\r", "\n", ",", ":", "\"", "\\", "{", "}", "[", "]", "null", "true", "false", "0", "-", "+", ".", "e", "-0", "1e999",
            "99999999999999999999", "-2147483649", "1.5", "\\u0000", "\\ud800", "\\udc00", "\\u0041", "\\x", "/*", "*/", "/* c */", "//", "// c\n",
            "\"\"", "\"x\"", "[]", "{}", "\"x\":1,", "\"id\":\"x\",", "\"fields\":{},", "é", "\u00a0", "\u2028", "\u202e",
        }.Select(Encoding.UTF8.GetBytes).Concat(new[]
        {
            new byte[] { 0xC3 }, new byte[] { 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0x00 }, new byte[] { 0x1F },
            new byte[] { 0xEF, 0xBB, 0xBF },
        }).ToArray();

        // Values a property may be given instead of its own: every JSON type, numbers out of range, text that is not text.
        private static readonly string[] Values =
        {
            "\"x\"", "\"\"", "\"  \"", "\"\\u0000\"", "\"\\ud800\"", "\"../x\"", "\"trim\"", "\"error\"", "\"skip\"", "\"role\"", "\"fte\"", "\"e164\"",
            "0", "1", "-1", "-0", "1.5", "1e999", "-1e999", "99999999999999999999", "2147483648", "-2147483649", "true", "false", "null",
            "[]", "{}", "[null]", "[\"x\"]", "[1]", "[[]]", "[{}]", "{\"x\":1}", "{\"default\":\"\\ud800\"}", "{\"default\":1}", "[\"\\ud800\"]",
            "[\"x\",\"x\"]", "[\"email\"]", "{\"values\":[\"x\"]}", "{\"column\":\"SiteId\"}", "{\"column\":null}",
        };

        // Places a setting or section may be added, and what is added there ('$' takes a value).
        private static readonly (string After, string Template)[] Additions =
        {
            ("\"id\": \"mini-district\",", "\"safety\": $,"),
            ("\"id\": \"mini-district\",", "\"safety\": {\"removal\": $},"),
            ("\"id\": \"mini-district\",", "\"safety\": {\"thresholds\": $},"),
            ("\"id\": \"mini-district\",", "\"safety\": {\"thresholds\": {\"delete\": $}},"),
            ("\"id\": \"mini-district\",", "\"safety\": {\"thresholds\": {\"deactivate\": {\"maxCount\": $}}},"),
            ("\"id\": \"mini-district\",", "\"safety\": {\"thresholds\": {\"roleChange\": {\"maxPercent\": $}}},"),
            ("\"id\": \"mini-district\",", "\"safety\": {\"approvals\": {\"required\": $}},"),
            ("\"id\": \"mini-district\",", "\"safety\": {\"approvals\": {\"required\": 1, \"trustedSigners\": $}},"),
            ("\"id\": \"mini-district\",", "\"safety\": {\"additionsOnly\": $},"),
            ("\"id\": \"mini-district\",", "\"audit\": $,"),
            ("\"id\": \"mini-district\",", "\"audit\": {\"retentionDays\": $},"),
            ("\"id\": \"mini-district\",", "\"audit\": {\"fields\": $},"),
            ("\"id\": \"mini-district\",", "\"audit\": {\"fields\": {\"email\": $}},"),
            ("\"id\": \"mini-district\",", "\"audit\": {\"anchor\": $},"),
            ("\"id\": \"mini-district\",", "\"inputSafety\": $,"),
            ("\"id\": \"mini-district\",", "\"inputSafety\": {\"unsafeCharacters\": $},"),
            ("\"id\": \"mini-district\",", "\"inputSafety\": {\"allowPathsOutsideContractFolder\": $},"),
            ("\"id\": \"mini-district\",", "\"targetScope\": {\"include\": $},"),
            ("\"id\": \"mini-district\",", "\"targetScope\": {\"include\": [{\"field\": \"x\", \"in\": $}]},"),
            ("\"id\": \"mini-district\",", "\"targetScope\": {\"include\": [{\"field\": $, \"blank\": true}]},"),
            ("\"id\": \"mini-district\",", "\"conflicts\": $,"),
            ("\"id\": \"mini-district\",", "\"conflicts\": [{\"name\": \"a\", \"when\": $}],"),
            ("\"id\": \"mini-district\",", "\"conflicts\": [{\"name\": $, \"when\": [{\"field\": \"email\", \"blank\": true}]}],"),
            ("\"id\": \"mini-district\",", "\"conflicts\": [{\"name\": \"a\", \"when\": [{\"field\": \"email\", \"notIn\": $}]}],"),
            ("\"id\": \"mini-district\",", "\"titanHstSchemaVersion\": $,"),
            ("\"id\": \"mini-district\",", "\"$schema\": $,"),
            ("\"hr\": {", "\"delimiter\": $,"),
            ("\"hr\": {", "\"rows\": $,"),
            ("\"hr\": {", "\"positionKey\": $,"),
            ("\"hr\": {", "\"rows\": \"onePerPosition\", \"positionKey\": $,"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [$]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"maxLength\": $}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"maxLength\": {\"length\": $, \"truncate\": true}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"date\": $}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"date\": {\"formats\": $}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"date\": {\"formats\": [\"d\"], \"output\": $}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"replace\": {\"pattern\": $}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"replace\": {\"pattern\": \"a\", \"with\": $}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"map\": $}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"map\": {\"values\": $}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"map\": {\"values\": {\"a\": \"b\"}, \"unmapped\": $}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"lookup\": $}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"default\": $}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"email\": $}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"email\": {\"domains\": $}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"phone\": $}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": [{\"source\": \"hr\", \"column\": \"EmpID\"}], \"normalize\": [{\"phone\": {\"format\": $}}]},"),
            ("\"fields\": {", "\"extra\": {\"from\": $},"),
            ("\"fields\": {", "\"extra\": {\"from\": [$]},"),
            ("\"fields\": {", "\"extra\": {\"fromAssignments\": $},"),
            ("\"fields\": {", "\"extra\": {\"positions\": $},"),
            ("\"fields\": {", "\"extra\": {\"positions\": {\"from\": $, \"primary\": []}},"),
            ("\"fields\": {", "\"extra\": {\"positions\": {\"from\": [{\"source\": \"hr\", \"site\": {\"column\": \"SiteId\"}, \"role\": {\"column\": \"JobClassId\"}, \"fte\": $}], \"primary\": [{\"highest\": \"fte\"}]}},"),
            ("\"fields\": {", "\"extra\": {\"positions\": {\"from\": [{\"source\": \"hr\", \"site\": {\"column\": \"SiteId\"}, \"role\": {\"column\": \"JobClassId\"}, \"primaryFlag\": {\"column\": \"EmpID\", \"values\": $}}], \"primary\": [{\"flag\": \"primaryFlag\"}]}},"),
            ("\"fields\": {", "\"extra\": {\"positions\": {\"from\": [{\"source\": \"hr\", \"site\": {\"column\": \"SiteId\"}, \"role\": {\"column\": \"JobClassId\"}}], \"primary\": $}},"),
            ("\"fields\": {", "\"extra\": {\"positions\": {\"from\": [{\"source\": \"hr\", \"site\": {\"column\": \"SiteId\"}, \"role\": {\"column\": \"JobClassId\"}}], \"primary\": [{\"lowest\": $}]}},"),
            ("\"jobClass\": {", "\"invalid\": $,"),
            ("\"jobClass\": {", "\"reportable\": $,"),
            ("\"mappingTables\": {", "\"extra\": {\"path\": $, \"keyColumn\": \"JobClassId\", \"valueColumn\": \"TitanHstRole\"},"),
            ("\"mappingTables\": {", "\"extra\": {\"path\": \"mappings/roles.csv\", \"keyColumn\": \"JobClassId\", \"valueColumn\": \"TitanHstRole\", \"encoding\": $},"),
            ("\"mappingTables\": {", "\"extra\": {\"path\": \"mappings/roles.csv\", \"keyColumn\": \"JobClassId\", \"valueColumn\": \"TitanHstRole\", \"delimiter\": $},"),
            ("\"mappingTables\": {", "\"extra\": {\"path\": \"mappings/roles.csv\", \"keyColumn\": \"JobClassId\", \"valueColumn\": \"TitanHstRole\", \"keyNormalize\": [$]},"),
            ("\"mappingTables\": {", "\"extra\": {\"path\": \"mappings/roles.csv\", \"keyColumn\": \"JobClassId\", \"valueColumn\": \"TitanHstRole\", \"unmapped\": $},"),
            ("\"mappingTables\": {", "\"extra\": {\"path\": \"mappings/roles.csv\", \"keyColumn\": $, \"valueColumn\": \"TitanHstRole\"},"),
        };

        // Pieces a damaged mapping table gains: CSV punctuation, line breaks, formula characters, byte order marks, bytes that are not UTF-8.
        private static readonly byte[][] CsvPieces = new[] { ",", ";", "\"", "\n", "\r", "\r\n", " ", "=", "x", "\"a,b\"", ",,", "TCH01,OTHER\n" }
            .Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0x00 }, new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0xFE, 0xFF } }).ToArray();

        [Fact]
        public void Any_damaged_contract_is_loaded_or_refused_naming_file_and_line()
        {
            using var d = new TempDistrict();
            var original = File.ReadAllBytes(d.ContractPath);
            var tables = Tables.Select(t => File.ReadAllBytes(d.PathOf(t))).ToArray();
            var values = ValueSpans(original);
            ContractLoader.Load(d.ContractPath);
            int tried = 0, refused = 0;

            // The edit: what (0 overwrite with a piece's first byte or any byte, 1 insert a piece, 2 repeat a slice, 3 cut, 4 replace a value, 5 add a setting, 6 damage a table),
            // where (a fraction of the file), which piece, value or addition, how many bytes.
            Gen.Select(Gen.Int[0, 6], Gen.Double[0, 1], Gen.Int[0, 1_000_000], Gen.Int[0, Values.Length - 1], Gen.Int[1, 40]).Sample(t =>
            {
                var (kind, where, pick, value, length) = t;
                var at = Math.Min((int)(where * original.Length), original.Length - 1);
                string? table = null;
                byte[] edited = original;
                switch (kind)
                {
                    case 0:
                        var b = pick % 2 == 0 ? Pieces[pick / 2 % Pieces.Length][0] : (byte)(pick / 2);
                        edited = [.. original.AsSpan(0, at), b, .. original.AsSpan(at + 1)];
                        break;
                    case 1:
                        edited = [.. original.AsSpan(0, at), .. Pieces[pick % Pieces.Length], .. original.AsSpan(at)];
                        break;
                    case 2:
                        var from = pick % original.Length;
                        edited = [.. original.AsSpan(0, at), .. original.AsSpan(from, Math.Min(length, original.Length - from)), .. original.AsSpan(at)];
                        break;
                    case 3:
                        edited = [.. original.AsSpan(0, at), .. original.AsSpan(at + Math.Min(length % 5 + 1, original.Length - at))];
                        break;
                    case 4:
                        var span = values[pick % values.Count];
                        at = span.Start;
                        edited = [.. original.AsSpan(0, span.Start), .. Encoding.UTF8.GetBytes(Values[value]), .. original.AsSpan(span.End)];
                        break;
                    case 5:
                        var (after, template) = Additions[pick % Additions.Length];
                        var anchor = Encoding.UTF8.GetBytes(after);
                        at = original.AsSpan().IndexOf(anchor) + anchor.Length;
                        edited = [.. original.AsSpan(0, at), .. Encoding.UTF8.GetBytes(" " + template.Replace("$", Values[value]) + " "), .. original.AsSpan(at)];
                        break;
                    default:
                        var index = pick % Tables.Length;
                        var bytes = tables[index];
                        var csvAt = Math.Min((int)(where * bytes.Length), bytes.Length - 1);
                        var piece = CsvPieces[value % CsvPieces.Length];
                        byte[] damaged = (length % 3) switch
                        {
                            0 => [.. bytes.AsSpan(0, csvAt), piece[0], .. bytes.AsSpan(csvAt + 1)],
                            1 => [.. bytes.AsSpan(0, csvAt), .. piece, .. bytes.AsSpan(csvAt)],
                            _ => [.. bytes.AsSpan(0, csvAt), .. bytes.AsSpan(csvAt + Math.Min(length % 5 + 1, bytes.Length - csvAt))],
                        };
                        table = Tables[index];
                        File.WriteAllBytes(d.PathOf(table), damaged);
                        at = csvAt;
                        edited = damaged;
                        break;
                }

                if (table is null)
                {
                    File.WriteAllBytes(d.ContractPath, edited);
                }

                tried++;
                try
                {
                    ContractLoader.Load(d.ContractPath);
                }
                catch (InputFileException e)
                {
                    refused++;
                    if (e.Line <= 0 || e.Message.Contains('\0') || string.IsNullOrEmpty(e.File))
                    {
                        throw new Xunit.Sdk.XunitException($"the refusal names no line (or holds a NUL): {e.Message} for {Describe(kind, table, edited, at)}");
                    }
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    throw new Xunit.Sdk.XunitException($"Load threw {e.GetType().Name} ({e.Message}) for {Describe(kind, table, edited, at)}\n{e.StackTrace}");
                }
                finally
                {
                    File.WriteAllBytes(d.ContractPath, original);
                    if (table is not null)
                    {
                        File.WriteAllBytes(d.PathOf(table), tables[Array.IndexOf(Tables, table)]);
                    }
                }
            }, iter: 2000, threads: 1);

            output.WriteLine($"{refused} of {tried} edits refused, the rest loaded");

            // Most edits break the contract: a test that refused nothing would say nothing.
            Assert.True(refused * 10 > tried * 3, $"only {refused} of {tried} edits were refused");
        }

        /// <summary>Where each value of the contract (string, number, literal, list, object) starts and ends.</summary>
        private static List<(int Start, int End)> ValueSpans(byte[] json)
        {
            var spans = new List<(int, int)>();
            var open = new Stack<int>();
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        open.Push((int)reader.TokenStartIndex);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        var start = open.Pop();
                        if (open.Count > 0)
                        {
                            spans.Add((start, (int)reader.BytesConsumed));
                        }

                        break;
                    case JsonTokenType.PropertyName:
                        break;
                    default:
                        spans.Add(((int)reader.TokenStartIndex, (int)reader.BytesConsumed));
                        break;
                }
            }

            return spans;
        }

        private static string Describe(int kind, string? table, byte[] bytes, int at)
        {
            var from = Math.Max(0, at - 40);
            var text = string.Concat(bytes.AsSpan(from, Math.Min(120, bytes.Length - from)).ToArray().Select(b => b is < 0x20 or > 0x7E ? $"\\x{b:x2}" : ((char)b).ToString()));
            return $"edit kind {kind} at byte {at} of {table ?? "the contract"}: ...{text}...";
        }
    }
}
