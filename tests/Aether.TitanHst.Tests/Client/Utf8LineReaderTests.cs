using System.Collections.Generic;
using System.IO;
using System.Text;
using Aether.TitanHst.Target;

namespace Aether.TitanHst.Tests.Client;

/// <summary>The snapshot's byte-level line splitter must split exactly where StreamReader.ReadLine did, at any buffer size.</summary>
public sealed class Utf8LineReaderTests
{
    public static TheoryData<string> Texts => new()
    {
        "a\nb\nc\n",
        "a\r\nb\r\nc",
        "a\rb\r\n\r\nc\r",
        "\n\nlonger line than the buffer holds\r\nx",
        "{\"k\":\"é\"}\r\n{\"k\":\"ü\"}\n",
        string.Empty,
        "\r\n",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Lines_are_those_of_StreamReader_at_every_buffer_size(string text)
    {
        var expected = new List<string>();
        using (var plain = new StringReader(text))
        {
            for (var line = plain.ReadLine(); line is not null; line = plain.ReadLine())
            {
                expected.Add(line);
            }
        }

        foreach (var size in new[] { 1, 2, 3, 4, 7, 64 })
        {
            var actual = new List<string>();
            using var reader = new Utf8LineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), size);
            while (reader.TryReadLine(out var line))
            {
                actual.Add(Encoding.UTF8.GetString(line.ToArray()));
            }

            Assert.Equal(expected, actual);
        }
    }
}
