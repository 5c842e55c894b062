using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Municipal.Testing;

namespace Municipal.FaultDay;

/// <summary>
/// The day's people: residents booking appointments, residents who take a queue ticket, write in their room's chat
/// and hand in a document (every fourth one the EICAR test file), and the clerk who calls them in turn and ends
/// each consultation once the resident is done.
/// </summary>
public sealed class Traffic(Counter counter, Ledger ledger, Patience patience, string run)
{
    public const int ChatLines = 4;
    private const int EicarEvery = 4;
    private static readonly byte[] Eicar = Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> residentsDone = new();
    private int nextSlot = -1;
    private int nextResident;

    /// <summary>A resident books one appointment; a slot taken meanwhile (409) means choosing the next one.</summary>
    public async Task BookAsync(HttpClient http, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref nextResident);
        var email = $"fault.{run}.booking.{n}@example.org";
        var operation = ledger.Start("booking", email);
        while (true)
        {
            var slot = counter.Slots[Interlocked.Increment(ref nextSlot) % counter.Slots.Count];
            using var response = await patience.SendAsync(http, operation, () => new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments")
            {
                Content = JsonContent.Create(new { concernKey = counter.BookingConcern, start = slot, name = $"Resident {n}", email, language = n % 2 == 0 ? "de" : "en" }),
            }, ct);
            if (response is null) return;
            if (response.StatusCode == HttpStatusCode.Conflict && operation.Attempts < 20) continue;
            if (response.StatusCode != HttpStatusCode.Created)
            {
                operation.Refuse($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                return;
            }
            var booked = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            operation.Data["appointmentId"] = booked.GetProperty("appointment").GetProperty("id").GetString()!;
            operation.Data["email"] = email;
            operation.Accept();
            return;
        }
    }

    /// <summary>A resident in the live queue: ticket, chat lines in the room, one upload; then the clerk may end.</summary>
    public async Task VisitAsync(HttpClient http, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref nextResident);
        var ticket = ledger.Start("queue ticket", $"resident {n}");
        using var response = await patience.SendAsync(http, ticket, () => new HttpRequestMessage(HttpMethod.Post, "/api/booking/queue")
        {
            Content = JsonContent.Create(new { concernKey = counter.QueueConcern, name = $"Walk-in {run} {n}", language = "de" }),
        }, ct);
        if (response is null) return;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            ticket.Refuse($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            return;
        }
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var ticketId = issued.GetProperty("ticketId").GetGuid();
        var token = issued.GetProperty("token").GetString()!;
        ticket.Data["ticketId"] = ticketId.ToString();
        ticket.Accept();
        var done = residentsDone.GetOrAdd(ticketId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            // The queue page polls every two seconds and enters the room once the resident is called.
            if (!await WaitToBeCalledAsync(http, token, ct)) return;
            await ChatAsync(ticketId, token, n, ct);
            await UploadAsync(http, token, n, ct);
        }
        finally
        {
            done.TrySetResult();
        }
    }

    private async Task<bool> WaitToBeCalledAsync(HttpClient http, string token, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/booking/queue/tickets/mine");
                request.Headers.Add("X-Resident-Token", token);
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    var status = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString();
                    if (status is "called" or "joined") return true;
                    if (status is not "waiting") return false;
                }
            }
            catch (HttpRequestException)
            {
                // The page keeps polling through an outage.
            }
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
        return false;
    }

    private async Task ChatAsync(Guid ticketId, string token, int n, CancellationToken ct)
    {
        await using var hub = new ResidentHub(token);
        for (var line = 1; line <= ChatLines; line++)
        {
            var clientId = $"{run}-{n}-{line}";
            var operation = ledger.Start("chat message", clientId);
            // A line not confirmed is sent again with the same client id, as the room page does after a reconnect.
            var stored = await patience.RetryAsync(operation, t => hub.SendAsync($"Line {line} from walk-in {n}", clientId, t), ct);
            if (stored.ValueKind != JsonValueKind.Undefined)
            {
                operation.Data["ticketId"] = ticketId.ToString();
                operation.Data["clientId"] = clientId;
                operation.Accept();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(700), ct);
        }
    }

    private async Task UploadAsync(HttpClient http, string token, int n, CancellationToken ct)
    {
        var eicar = n % EicarEvery == 0;
        var operation = ledger.Start(eicar ? "upload (EICAR)" : "upload", $"resident {n}");
        var content = eicar ? Eicar : Encoding.ASCII.GetBytes(
            $"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% fault day {run} resident {n}\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n");
        using var response = await patience.SendAsync(http, operation, () =>
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            var form = new MultipartFormDataContent { { file, "files", eicar ? "eicar.pdf" : $"nachweis-{n}.pdf" } };
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents/uploads") { Content = form };
            request.Headers.Add("X-Resident-Token", token);
            return request;
        }, ct);
        if (response is null) return;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            operation.Refuse($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            return;
        }
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var document = result.GetProperty("documents")[0];
        operation.Data["documentId"] = document.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";
        operation.Data["duplicateOf"] = document.TryGetProperty("duplicateOf", out var dup) && dup.ValueKind == JsonValueKind.String ? dup.GetString()! : "";
        operation.Data["expected"] = eicar ? "quarantined" : "clean";
        operation.Accept();
    }

    /// <summary>The clerk: call the next resident, accept their room, end it when the resident is done.</summary>
    public async Task<bool> ServeNextAsync(CancellationToken ct)
    {
        var http = counter.Staff;
        var operation = ledger.Start("served", "next");
        using var next = await patience.SendAsync(http, operation, () => new HttpRequestMessage(HttpMethod.Post, "/api/booking/queue/next"), ct);
        if (next is null) return false;
        if (next.StatusCode == HttpStatusCode.NoContent) { ledger.Forget(operation); return false; }
        if (next.StatusCode == HttpStatusCode.Unauthorized) { ledger.Forget(operation); await Counter.SignInAsync(http, ct); return true; }
        if (next.StatusCode != HttpStatusCode.OK) { operation.Refuse($"next: {(int)next.StatusCode} {await next.Content.ReadAsStringAsync(ct)}"); return true; }
        var called = await next.Content.ReadFromJsonAsync<JsonElement>(ct);
        var ticketId = called.GetProperty("id").GetGuid();
        operation.Data["ticketId"] = ticketId.ToString();

        JsonElement room = default;
        while (room.ValueKind == JsonValueKind.Undefined)
        {
            // No room yet: the ticket's event has not reached the signaling service (404 after its own wait).
            using var accepted = await patience.SendAsync(http, operation, () => new HttpRequestMessage(HttpMethod.Post, "/api/sessions/rooms/accept")
            {
                Content = JsonContent.Create(new { ticketId }),
            }, ct);
            if (accepted is null) return true;
            if (accepted.StatusCode == HttpStatusCode.OK) room = await accepted.Content.ReadFromJsonAsync<JsonElement>(ct);
            else if (accepted.StatusCode != HttpStatusCode.NotFound || operation.Attempts > 60)
            {
                operation.Refuse($"accept: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync(ct)}");
                return true;
            }
            else operation.Trouble();
        }
        var roomId = room.GetProperty("id").GetGuid();
        operation.Data["roomId"] = roomId.ToString();
        // Left over from an interrupted earlier run: nobody is writing in it, end it at once.
        if (residentsDone.TryGetValue(ticketId, out var done)) await done.Task.WaitAsync(ct);

        using var ended = await patience.SendAsync(http, operation, () => new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/rooms/{roomId}/end"), ct);
        if (ended is null) return true;
        if (ended.StatusCode != HttpStatusCode.OK) operation.Refuse($"end: {(int)ended.StatusCode} {await ended.Content.ReadAsStringAsync(ct)}");
        else operation.Accept();
        return true;
    }

    /// <summary>The resident's side of the room: the browser's SignalR client over WebSockets through the gateway.</summary>
    private sealed class ResidentHub(string token) : IAsyncDisposable
    {
        private readonly HubConnection connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(TestEnvironment.GatewayUrl), "/hubs/session"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        private bool joined;

        /// <summary>(Re)connects and joins the room as the page does after a reconnect, then sends the line.</summary>
        public async Task<JsonElement> SendAsync(string text, string clientId, CancellationToken ct)
        {
            try
            {
                if (connection.State == HubConnectionState.Disconnected)
                {
                    joined = false;
                    await connection.StartAsync(ct);
                }
                if (!joined)
                {
                    await connection.InvokeAsync<JsonElement>("JoinAsResident", token, 0L, ct);
                    joined = true;
                }
                return await connection.InvokeAsync<JsonElement>("SendMessage", text, clientId, ct);
            }
            catch
            {
                // Whatever failed (the room not there yet, Redis or Postgres away), join again before the resend.
                joined = false;
                throw;
            }
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
