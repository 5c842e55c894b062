using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Form.Tests;

/// <summary>
/// Stands in for the identity and documents services at the HTTP edge (their own teams test them), answering per
/// the contracts in docs/CONVENTIONS.md and recording what the form service sent. Sessions has its own shared
/// stand-in, <see cref="Municipal.Testing.FakeSessions"/>.
/// </summary>
public sealed class FakeNeighbours : HttpMessageHandler
{
    public sealed record ReceivedFile(byte[] Content, string FileName, Dictionary<string, string> Fields, string Authorization);

    /// <summary>A code identity sent: to whom, for which content, asked by whom; attempts as identity counts them (three).</summary>
    public sealed class Tan(string code, string contentSha256, string channel, string recipient, string authorization)
    {
        public string Code { get; } = code;
        public string ContentSha256 { get; } = contentSha256;
        public string Channel { get; } = channel;
        public string Recipient { get; } = recipient;
        public string Authorization { get; } = authorization;
        public int Attempts { get; set; }
        public bool Used { get; set; }
    }

    public ConcurrentDictionary<Guid, Tan> Tans { get; } = new();

    public ConcurrentQueue<ReceivedFile> Files { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/api/identity/tans")
        {
            var body = await request.Content!.ReadFromJsonAsync<JsonElement>(ct);
            var id = Guid.NewGuid();
            var recipient = body.GetProperty("recipient").GetString()!;
            Tans[id] = new Tan(Random.Shared.Next(0, 1_000_000).ToString("D6"), body.GetProperty("contentSha256").GetString()!,
                body.GetProperty("channel").GetString()!, recipient, request.Headers.Authorization?.ToString() ?? "");
            return Json(new { tanId = id, expiresAt = DateTimeOffset.UtcNow.AddMinutes(5), maskedRecipient = recipient[..2] + "***", channel = body.GetProperty("channel").GetString() }, HttpStatusCode.Created);
        }
        if (path.StartsWith("/api/identity/tans/", StringComparison.Ordinal) && path.EndsWith("/verify", StringComparison.Ordinal))
        {
            // Identity's order: unknown, used, locked, other content, then the code (a wrong one costs an attempt).
            var body = await request.Content!.ReadFromJsonAsync<JsonElement>(ct);
            if (!Tans.TryGetValue(Guid.Parse(path.Split('/')[4]), out var tan)) return Problem(HttpStatusCode.NotFound, "unknown");
            lock (tan)
            {
                if (tan.Used) return Problem(HttpStatusCode.Conflict, "used");
                if (tan.Attempts >= 3) return Problem(HttpStatusCode.Locked, "locked", 0);
                if (tan.ContentSha256 != body.GetProperty("contentSha256").GetString()) return Problem(HttpStatusCode.BadRequest, "contentMismatch");
                if (tan.Code != body.GetProperty("code").GetString())
                {
                    tan.Attempts++;
                    return tan.Attempts >= 3 ? Problem(HttpStatusCode.Locked, "locked", 0) : Problem(HttpStatusCode.BadRequest, "wrongCode", 3 - tan.Attempts);
                }
                tan.Used = true;
                return Json(new { verified = true });
            }
        }
        if (path == "/api/documents/internal/files")
        {
            var form = (MultipartFormDataContent)request.Content!;
            byte[] file = [];
            string fileName = "";
            var fields = new Dictionary<string, string>();
            foreach (var part in form)
            {
                var name = part.Headers.ContentDisposition!.Name!.Trim('"');
                if (name == "file") { file = await part.ReadAsByteArrayAsync(ct); fileName = part.Headers.ContentDisposition.FileName!.Trim('"'); }
                else fields[name] = await part.ReadAsStringAsync(ct);
            }
            Files.Enqueue(new ReceivedFile(file, fileName, fields, request.Headers.Authorization?.ToString() ?? ""));
            return Json(new { id = Guid.NewGuid() }, HttpStatusCode.Created);
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Problem(HttpStatusCode status, string reason, int? attemptsLeft = null) =>
        Json(new { status = (int)status, title = reason, reason, attemptsLeft }, status);

    private static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body) };
}
