using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Aether.TitanHst.Client;
using CsCheck;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// Whatever body TitanHST (or whoever answers on its URL) sends, the client's readers fail only in the ways its
/// <c>Parse</c> turns into a typed <see cref="TitanHstErrorKind.UnexpectedResponse"/> error (JSON, format, invalid
/// operation, missing key): a runtime exception of any other type would end a read without saying which call and
/// answer it was. The bodies are well-formed answers with a byte overwritten, a piece of JSON inserted or a value
/// replaced by one of another type.
/// </summary>
public sealed class WireJsonPropertyTests
{
    private const string Record = "{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":3,\"etag\":\"\\\"3\\\"\",\"createdAt\":\"2026-01-02T03:04:05Z\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"firstName\":\"Ana\",\"notes\":null,\"assignments\":[{\"site\":\"MES\",\"role\":\"TEACHER\",\"fte\":0.8,\"primary\":true}]}";

    private static readonly string[] Bodies =
    {
        "{\"items\":[" + Record + "," + Record.Replace("stf_1", "stf_2", StringComparison.Ordinal) + "],\"nextCursor\":\"c2\"}",
        "{\"items\":[],\"nextCursor\":null}",
    };

    private static readonly string[] Pieces =
    {
        "\"\"", "null", "true", "false", "0", "-1", "1.5", "1e999", "99999999999999999999", "[]", "{}", "\"\\ud800\"", "\"\\u0000\"", "\"x\"",
        "[null]", "[1]", "{\"site\":null}", ",", "}", "]", "\"", "\\",
    };

    private static readonly HashSet<Type> Typed = new() { typeof(JsonException), typeof(FormatException), typeof(InvalidOperationException), typeof(KeyNotFoundException) };

    [Fact]
    public void Any_damaged_page_fails_only_in_ways_the_client_reports_as_an_unexpected_response()
    {
        var failed = 0;
        Gen.Select(Gen.Int[0, Bodies.Length - 1], Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[0, Pieces.Length - 1]).Sample(t =>
        {
            var body = Bodies[t.Item1];
            var at = Math.Min((int)(t.Item3 * body.Length), body.Length - 1);
            var piece = Pieces[t.Item4];
            var edited = t.Item2 switch
            {
                0 => string.Concat(body.AsSpan(0, at), piece, body.AsSpan(at)),
                1 => string.Concat(body.AsSpan(0, at), piece.AsSpan(0, 1), body.AsSpan(at + 1)),
                _ => ReplaceValue(body, at, piece),
            };
            try
            {
                _ = WireJson.ReadPage(Encoding.UTF8.GetBytes(edited));
            }
            catch (Exception e) when (Typed.Contains(e.GetType()) || e is JsonException)
            {
                failed++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{e.GetType().Name} ({e.Message}) for the page body {edited}\n{e.StackTrace}");
            }
        }, iter: 3000);

        Assert.True(failed > 1000, $"only {failed} damaged pages failed: the damage says little");
    }

    /// <summary>The value after the first ':' at or after <paramref name="at"/> replaced by <paramref name="piece"/>.</summary>
    private static string ReplaceValue(string body, int at, string piece)
    {
        var colon = body.IndexOf(':', at);
        if (colon < 0)
        {
            colon = body.IndexOf(':', StringComparison.Ordinal);
        }

        var start = colon + 1;
        var end = start;
        if (body[start] == '"')
        {
            end = start + 1;
            while (body[end] != '"' || body[end - 1] == '\\')
            {
                end++;
            }

            end++;
        }
        else
        {
            var depth = 0;
            while (end < body.Length && (depth > 0 || (body[end] != ',' && body[end] != '}')))
            {
                depth += body[end] is '[' or '{' ? 1 : body[end] is ']' or '}' ? -1 : 0;
                end++;
            }
        }

        return string.Concat(body.AsSpan(0, start), piece, body.AsSpan(end));
    }
}
