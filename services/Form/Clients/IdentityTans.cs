using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Form.Clients;

/// <summary>
/// One-time codes (TANs) from the identity service, asked for and checked by the form service itself (as the
/// service "forms"): the code is bound to the content hash the server computed, never to one the browser names,
/// and the browser's word that a code was right is never taken.
/// </summary>
public sealed class IdentityTans(IHttpClientFactory http, IConfiguration configuration, ILogger<IdentityTans> logger)
{
    public const string Client = "identity";

    public sealed record Issued(Guid TanId, DateTimeOffset ExpiresAt, string MaskedRecipient, string Channel);

    /// <summary>Why identity said no: its status, machine-readable reason, attempts left and field errors.</summary>
    public sealed record Refusal(int Status, string? Reason, int? AttemptsLeft, IReadOnlyDictionary<string, string[]> Errors, string? Title, string? Detail, TimeSpan? RetryAfter = null);

    private static readonly Refusal Unavailable = new(StatusCodes.Status503ServiceUnavailable, "unavailable", null,
        new Dictionary<string, string[]>(), "The code service is not reachable.", "Please try again in a moment.");

    /// <summary>Sends a code for <paramref name="contentSha256"/> to the recipient; the refusal when identity declines.</summary>
    public async Task<(Issued? Tan, Refusal? Refusal)> IssueAsync(string contentSha256, string purpose, string channel, string recipient, string language, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "/api/identity/tans", new { contentSha256, purpose, recipient, channel, language });
        var (response, refusal) = await SendAsync(request, ct);
        using (response)
        {
            return refusal is not null ? (null, refusal) : (await response!.Content.ReadFromJsonAsync<Issued>(ct), null);
        }
    }

    /// <summary>Null when the code is right for exactly this content (identity then marks it used); else why not.</summary>
    public async Task<Refusal?> VerifyAsync(Guid tanId, string code, string contentSha256, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"/api/identity/tans/{tanId}/verify", new { code, contentSha256 });
        var (response, refusal) = await SendAsync(request, ct);
        response?.Dispose();
        return refusal;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InternalToken.IssueForService(configuration, "forms"));
        return request;
    }

    private async Task<(HttpResponseMessage?, Refusal?)> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(Client).SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Identity did not answer {Path}.", request.RequestUri);
            return (null, Unavailable);
        }
        if (response.IsSuccessStatusCode) return (response, null);
        using (response)
        {
            if ((int)response.StatusCode >= 500) return (null, Unavailable);
            return (null, await ReadRefusalAsync(response, ct));
        }
    }

    // Identity answers RFC 7807; read it leniently, a proxy in between may answer with anything.
    private static async Task<Refusal> ReadRefusalAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta;
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var e = json.RootElement;
            string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var errors = new Dictionary<string, string[]>();
            if (e.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in list.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Array))
                    errors[field.Name] = field.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray();
            }
            var left = e.TryGetProperty("attemptsLeft", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : (int?)null;
            return new Refusal(status, Text("reason"), left, errors, Text("title"), Text("detail"), retryAfter);
        }
        catch (JsonException)
        {
            return new Refusal(status, status == (int)HttpStatusCode.TooManyRequests ? "tooMany" : null, null, new Dictionary<string, string[]>(), response.ReasonPhrase, null, retryAfter);
        }
    }
}
