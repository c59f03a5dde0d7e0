using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Aether.TitanHst.Emulator;

/// <summary>
/// A pre-serialized response. Bytes (not objects) so an idempotent replay is byte-for-byte the first response.
/// </summary>
internal sealed class BytesResult : IResult
{
    public BytesResult(int status, string? contentType, byte[]? body)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }

    public int Status { get; }
    public string? ContentType { get; }
    public byte[]? Body { get; }
    public List<KeyValuePair<string, string>> Headers { get; } = new();

    public BytesResult WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            response.Headers.Append(name, value);
        }

        if (Body is not null)
        {
            response.ContentType = ContentType;
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, httpContext.RequestAborted);
        }
    }
}
