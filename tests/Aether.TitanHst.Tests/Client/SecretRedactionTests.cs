using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Aether.TitanHst.Client;

namespace Aether.TitanHst.Tests.Client;

/// <summary>
/// Servers that echo what they were sent: the client's secret and tokens, in any encoding, never come back out
/// of the client in an exception, a problem member or a wait notice.
/// </summary>
public sealed class SecretRedactionTests
{
    private const string Token = "tok-0123456789abcdefXYZ";

    [Fact]
    public async Task TokenEndpoint_EchoingAuthorizationAndBody_InItsError_LeaksNoFormOfTheSecret()
    {
        await using var server = new CannedHttpServer(r => CannedResponse.Json(401,
            $"{{\"error\":\"invalid_client\",\"error_description\":\"bad Authorization: {r.Header("Authorization")} body {r.Body} raw {JsonText(CannedClient.Secret)} url {Uri.EscapeDataString(CannedClient.Secret)} form {WebUtility.UrlEncode(CannedClient.Secret)}\"}}"));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.AuthenticateAsync());

        Assert.Equal(TitanHstErrorKind.Unauthorized, e.Kind);
        Assert.StartsWith("Basic ", server.Requests[0].Header("Authorization"), StringComparison.Ordinal);
        AssertClean(CannedClient.AllText(e), server.Requests[0].Header("Authorization")["Basic ".Length..]);
        Assert.Contains("Basic [redacted]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiProblem_EchoingTheBearerToken_InEveryMember_IsRedacted()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token(Token)
            : CannedResponse.Json(400,
                $"{{\"type\":\"https://errors.titanhst.example/validation\",\"title\":\"{r.Header("Authorization")}\",\"detail\":\"token {Token} escaped {Uri.EscapeDataString(Token)}\",\"traceId\":\"{Token}\",\"conflictingId\":\"{Token}\",\"errors\":{{\"{Token}\":[\"{r.Header("Authorization")}\"]}}}}",
                ("X-Request-Id", Token)));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetSchemaAsync());

        Assert.Equal(TitanHstErrorKind.Validation, e.Kind);
        Assert.Equal("Bearer " + Token, server.Requests[^1].Header("Authorization"));
        AssertClean(CannedClient.AllText(e), Token);
    }

    [Fact]
    public async Task ServerErrors_EchoingTheBearerToken_AfterEveryRetry_AreRedacted()
    {
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Json(200, $"{{\"access_token\":\"{Token}\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"echo\":\"{r.Header("Authorization")}\"}}")
            : CannedResponse.Json(503, $"{{\"type\":\"https://errors.titanhst.example/unavailable\",\"title\":\"down\",\"detail\":\"you sent {r.Header("Authorization")}\"}}"));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetReferencesAsync(Target.TargetReferenceKind.Role));

        Assert.Equal(TitanHstErrorKind.VendorUnavailable, e.Kind);
        Assert.Equal(3, e.Attempts);
        AssertClean(CannedClient.AllText(e), Token);
    }

    [Fact]
    public async Task A_ValueDotNetQuotesInItsOwnMessage_IsScrubbedFromTheInnerExceptionToo()
    {
        // DateTimeOffset.Parse's FormatException repeats the text it could not read: here, the token.
        await using var server = new CannedHttpServer(r => r.Path == "/oauth/token"
            ? CannedResponse.Token(Token)
            : CannedResponse.Json(200, $"{{\"id\":\"stf_000000000001\",\"active\":true,\"version\":1,\"updatedAt\":\"{Token}\"}}", ("ETag", "\"1\"")));
        using var client = CannedClient.For(server.BaseUri);

        var e = await Assert.ThrowsAsync<TitanHstApiException>(() => client.GetStaffAsync("stf_000000000001"));

        Assert.Equal(TitanHstErrorKind.UnexpectedResponse, e.Kind);
        Assert.IsType<System.IO.InvalidDataException>(e.InnerException);
        AssertClean(CannedClient.AllText(e), Token);
    }

    [Fact]
    public void Redactor_KnowsEveryFormOfTheSecret_AndAnyAuthorizationValue()
    {
        var redactor = new CredentialRedactor(CannedClient.ClientId, () => CannedClient.Secret);
        redactor.RememberToken(Token);
        var someoneElses = Convert.ToBase64String(Encoding.UTF8.GetBytes("other-client:their-secret-99"));
        var text = string.Join(" | ", CannedClient.SecretForms().Concat(new[]
        {
            Token, Uri.EscapeDataString(Token), "Authorization: Basic " + someoneElses, "Bearer abc.def-123_xyz", "client_secret=hunter22&grant_type=x",
            "\"access_token\": \"zzz999\"", "Basic realm=\"titanhst\"", "a Bearer token was refused",
        }));

        var redacted = redactor.Redact(text);

        AssertClean(redacted, Token);
        Assert.DoesNotContain(someoneElses.TrimEnd('='), redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def-123_xyz", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("zzz999", redacted, StringComparison.Ordinal);
        // Prose about authentication stays readable.
        Assert.Contains("Basic realm=\"titanhst\"", redacted, StringComparison.Ordinal);
        Assert.Contains("a Bearer token was refused", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://sync:Pa55word-Secret@titanhst.example/")]
    [InlineData("http://sync:Pa55word-Secret@127.0.0.1:5123")]
    public void BaseUri_WithUserInfo_IsRefused_WithoutRepeatingIt(string uri)
    {
        var options = new TitanHstClientOptions { BaseUri = new Uri(uri), ClientId = "x", ClientSecretProvider = () => "y" };

        var e = Assert.Throws<CredentialsInUriException>(options.Validate);

        Assert.Equal("BaseUri", e.ParamName);
        Assert.DoesNotContain("Pa55word", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sync:", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("user name or password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenUri_WithUserInfo_IsRefused_Too()
    {
        var options = new TitanHstClientOptions { BaseUri = new Uri("https://titanhst.example"), TokenUri = new Uri("https://a:b-secret@login.example/token"), ClientId = "x", ClientSecretProvider = () => "y" };

        var e = Assert.Throws<CredentialsInUriException>(options.Validate);

        Assert.Equal("TokenUri", e.ParamName);
        Assert.DoesNotContain("b-secret", e.ToString(), StringComparison.Ordinal);
    }

    private static string JsonText(string value) => System.Text.Json.JsonSerializer.Serialize(value).Trim('"');

    private static void AssertClean(string text, string token)
    {
        foreach (var form in CannedClient.SecretForms())
        {
            Assert.DoesNotContain(form, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(token), text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)\b(Basic|Bearer) (?!\[redacted\])[A-Za-z0-9+/._-]{6,}", text);
    }
}
