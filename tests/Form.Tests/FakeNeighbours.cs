using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Form.Tests;

/// <summary>
/// Stands in for the sessions, identity and documents services at the HTTP edge (their own teams test them),
/// answering per the contracts in docs/CONVENTIONS.md and recording what the form service sent.
/// </summary>
public sealed class FakeNeighbours : HttpMessageHandler
{
    public sealed record RoomAnswer(Guid Id, string DepartmentKey, string ConcernKey, string CitizenName, string Email, string Language = "de");

    public sealed record ReceivedFile(byte[] Content, string FileName, Dictionary<string, string> Fields, string Authorization);

    /// <summary>Resident room tokens → rooms.</summary>
    public ConcurrentDictionary<string, RoomAnswer> Rooms { get; } = new();

    /// <summary>TAN id → (code, content hash it was issued for).</summary>
    public ConcurrentDictionary<Guid, (string Code, string ContentSha256)> Tans { get; } = new();

    public ConcurrentQueue<ReceivedFile> Files { get; } = new();

    public int SessionCalls;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/api/sessions/rooms/current")
        {
            Interlocked.Increment(ref SessionCalls);
            var token = request.Headers.TryGetValues("X-Resident-Token", out var t) ? t.First() : "";
            return Rooms.TryGetValue(token, out var room) ? Json(room) : new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }
        if (path.StartsWith("/api/sessions/rooms/", StringComparison.Ordinal))
        {
            var id = Guid.Parse(path["/api/sessions/rooms/".Length..]);
            var room = Rooms.Values.FirstOrDefault(r => r.Id == id);
            return room is not null && request.Headers.Authorization is not null ? Json(room) : new HttpResponseMessage(HttpStatusCode.NotFound);
        }
        if (path.StartsWith("/api/identity/tans/", StringComparison.Ordinal) && path.EndsWith("/verify", StringComparison.Ordinal))
        {
            var tanId = Guid.Parse(path.Split('/')[4]);
            var body = await request.Content!.ReadFromJsonAsync<JsonElement>(ct);
            var ok = Tans.TryRemove(tanId, out var tan) && tan.Code == body.GetProperty("code").GetString() && tan.ContentSha256 == body.GetProperty("contentSha256").GetString();
            return ok ? Json(new { verified = true }) : new HttpResponseMessage(HttpStatusCode.UnprocessableEntity);
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

    private static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(body) };
}
