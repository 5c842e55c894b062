using System.Net;
using System.Net.Http.Json;

namespace Municipal.Form.Clients;

/// <summary>
/// Checks a TAN with the identity service (POST /api/identity/tans/{tanId}/verify {code, contentSha256}): the TAN
/// was issued for exactly that content, so a valid answer binds the resident's consent to the hash.
/// </summary>
public sealed class TanVerifier(IHttpClientFactory http)
{
    public const string Client = "identity";

    public async Task<bool> VerifyAsync(Guid tanId, string code, string contentSha256, HttpRequest caller, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/identity/tans/{tanId}/verify")
        {
            Content = JsonContent.Create(new { code, contentSha256 }),
        };
        // Identity decides whose TAN it is from the caller's own credentials.
        if (caller.Headers["X-Resident-Token"].ToString() is { Length: > 0 } token) request.Headers.Add("X-Resident-Token", token);
        if (caller.Headers.Authorization.ToString() is { Length: > 0 } authorization) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.CreateClient(Client).SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return true;
        if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests) return false;
        response.EnsureSuccessStatusCode();
        return false;
    }
}
