using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using Aether.TitanHst.Client;
using Aether.TitanHst.Tests.BadInput;
using CsCheck;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// Whatever body TitanHST (or whoever answers on its URL) sends, the client's readers fail only in the ways its
/// <c>Parse</c> turns into a typed <see cref="TitanHstErrorKind.UnexpectedResponse"/> error (JSON, format, invalid
/// operation, missing key): a runtime exception of any other type would end a read without saying which call and
/// answer it was. The bodies are well-formed answers edited as <see cref="FileEdit.OfJson"/> edits a file: a byte
/// overwritten, a piece of JSON inserted, bytes cut, or a value replaced by one of another kind.
/// </summary>
public sealed class WireJsonPropertyTests
{
    private const string Record = "{\"id\":\"stf_1\",\"externalId\":\"10001\",\"active\":true,\"version\":3,\"etag\":\"\\\"3\\\"\",\"createdAt\":\"2026-01-02T03:04:05Z\",\"updatedAt\":\"2026-11-30T09:29:00.569Z\",\"firstName\":\"Ana\",\"notes\":null,\"assignments\":[{\"site\":\"MES\",\"role\":\"TEACHER\",\"fte\":0.8,\"primary\":true}]}";

    private static readonly string[] Bodies =
    {
        "{\"items\":[" + Record + "," + Record.Replace("stf_1", "stf_2", StringComparison.Ordinal) + "],\"nextCursor\":\"c2\"}",
        "{\"items\":[],\"nextCursor\":null}",
    };

    private static readonly HashSet<Type> Typed = new() { typeof(JsonException), typeof(FormatException), typeof(InvalidOperationException), typeof(KeyNotFoundException) };

    [Fact]
    public void Any_damaged_page_fails_only_in_ways_the_client_reports_as_an_unexpected_response()
    {
        var pages = Bodies.Select(Encoding.UTF8.GetBytes).ToArray();
        var failed = 0;
        Gen.Int[0, pages.Length - 1].SelectMany(p => FileEdit.OfJson(pages[p].Length).Select(edit => (Page: p, Edit: edit))).Sample(t =>
        {
            var edited = t.Edit.ApplyTo(pages[t.Page]);
            try
            {
                _ = WireJson.ReadPage(edited);
            }
            catch (Exception e) when (Typed.Contains(e.GetType()) || e is JsonException)
            {
                // Sampled on several threads at once.
                Interlocked.Increment(ref failed);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{e.GetType().Name} ({e.Message}) for {t.Edit.Describe(edited)}\n{e.StackTrace}");
            }
        }, iter: 6000);

        Assert.True(failed > 1000, $"only {failed} damaged pages failed: the damage says little");
    }
}
