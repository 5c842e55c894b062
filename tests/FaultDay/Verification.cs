using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MimeKit;
using Municipal.Testing;
using Npgsql;

namespace Municipal.FaultDay;

/// <summary>
/// After the day: looks for every accepted operation where it must end up — the appointment in booking's database
/// and its confirmation in the mailbox, the ticket and its room, each chat line in the transcript, each document
/// scanned (clean, or quarantined for EICAR), each served ticket finished on both sides — and waits until every
/// outbox is drained and every RabbitMQ queue is empty. What is still missing at the deadline is lost.
/// </summary>
public static class Verification
{
    public sealed record Drain(Dictionary<string, long> UnsentOutbox, long QueuedMessages, long ErrorQueueMessages, IReadOnlyList<string> ErrorQueues)
    {
        /// <summary>Rows stored for the day's concerns: more than were accepted means a retry stored something twice.</summary>
        public long AppointmentsStored { get; set; }
        public long TicketsStored { get; set; }
    }

    public static async Task<Drain> RunAsync(IReadOnlyList<Operation> accepted, Counter counter, TimeSpan deadline, Action<string> log, CancellationToken ct)
    {
        var drain = await SettleAsync(accepted, deadline, log, ct);
        await using var booking = NpgsqlDataSource.Create(TestEnvironment.Postgres("bookingdb"));
        drain.AppointmentsStored = await CountAsync(booking, "SELECT count(*) FROM appointments WHERE concern_key = $1", counter.BookingConcern, ct);
        drain.TicketsStored = await CountAsync(booking, "SELECT count(*) FROM queue_tickets WHERE concern_key = $1", counter.QueueConcern, ct);
        return drain;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource source, string sql, string key, CancellationToken ct)
    {
        await using var command = source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<Drain> SettleAsync(IReadOnlyList<Operation> accepted, TimeSpan deadline, Action<string> log, CancellationToken ct)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            await CheckAsync(accepted.Where(o => !o.Found).ToList(), ct);
            var drain = await DrainAsync(ct);
            var missing = accepted.Count(o => !o.Found);
            var settled = missing == 0 && drain.UnsentOutbox.Values.Sum() == 0 && drain.QueuedMessages == 0;
            if (settled || DateTime.UtcNow > until)
            {
                log($"verification: {accepted.Count - missing} of {accepted.Count} found, outbox unsent {drain.UnsentOutbox.Values.Sum()}, queued {drain.QueuedMessages}");
                return drain;
            }
            log($"verification: {missing} not (yet) where they belong, outbox unsent {drain.UnsentOutbox.Values.Sum()}, queued {drain.QueuedMessages}; looking again");
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
        }
    }

    private static async Task CheckAsync(List<Operation> open, CancellationToken ct)
    {
        if (open.Count == 0) return;
        await using var booking = NpgsqlDataSource.Create(TestEnvironment.Postgres("bookingdb"));
        await using var sessions = NpgsqlDataSource.Create(TestEnvironment.Postgres("sessiondb"));
        await using var documents = NpgsqlDataSource.Create(TestEnvironment.Postgres("documentdb"));
        var mails = MailArrivals();

        foreach (var operation in open)
        {
            string? missing = null;
            switch (operation.Kind)
            {
                case "booking":
                    if (await ScalarAsync<string>(booking, "SELECT status FROM appointments WHERE id = $1", Guid.Parse(operation.Data["appointmentId"]), ct) != "booked")
                        missing = "appointment not in booking's database";
                    else if (!mails.TryGetValue(operation.Data["email"], out var mailed)) missing = "no confirmation mail";
                    else operation.ToArrive = mailed - operation.AcceptedAt;
                    break;
                case "queue ticket":
                    var ticketId = Guid.Parse(operation.Data["ticketId"]);
                    if (await ScalarAsync<string>(booking, "SELECT status FROM queue_tickets WHERE id = $1", ticketId, ct) is null)
                        missing = "ticket not in booking's database";
                    else if (await ScalarAsync<DateTime?>(sessions, "SELECT created_at FROM rooms WHERE ticket_id = $1", ticketId, ct) is null)
                        missing = "no room for the ticket (QueueTicketIssued not consumed)";
                    break;
                case "chat message":
                    if (await ScalarAsync<DateTime?>(sessions, "SELECT m.sent_at FROM room_messages m JOIN rooms r ON r.id = m.room_id WHERE r.ticket_id = $1 AND m.client_id = $2",
                            Guid.Parse(operation.Data["ticketId"]), ct, operation.Data["clientId"]) is null)
                        missing = "line not in the transcript";
                    break;
                case "upload":
                case "upload (EICAR)":
                    var id = operation.Data["documentId"] is { Length: > 0 } own ? own : operation.Data["duplicateOf"];
                    var status = id.Length == 0 ? null : await ScalarAsync<string>(documents, "SELECT status FROM documents WHERE id = $1", Guid.Parse(id), ct);
                    if (status != operation.Data["expected"]) missing = status is null ? "document not stored" : $"document {status}, expected {operation.Data["expected"]}";
                    else operation.ToArrive = await ScalarAsync<DateTime?>(documents, "SELECT scanned_at FROM documents WHERE id = $1", Guid.Parse(id), ct) is { } scanned
                        ? new DateTimeOffset(scanned, TimeSpan.Zero) - operation.AcceptedAt : null;
                    break;
                case "served":
                    if (await ScalarAsync<DateTime?>(booking, "SELECT finished_at FROM queue_tickets WHERE id = $1", Guid.Parse(operation.Data["ticketId"]), ct) is null)
                        missing = "ticket not finished in booking (SessionEnded not consumed)";
                    else if (await ScalarAsync<string>(sessions, "SELECT status FROM rooms WHERE id = $1", Guid.Parse(operation.Data["roomId"]), ct) != "ended")
                        missing = "room not ended";
                    break;
            }
            operation.Found = missing is null;
            operation.Missing = missing;
        }
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource source, string sql, Guid id, CancellationToken ct, string? text = null)
    {
        await using var command = source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        if (text is not null) command.Parameters.Add(new NpgsqlParameter { Value = text });
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Each recipient's first mail and when the SMTP sink stored it.</summary>
    private static Dictionary<string, DateTimeOffset> MailArrivals()
    {
        var arrivals = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in new[] { "new", "cur" })
        {
            var dir = Path.Combine(TestEnvironment.Maildir, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                MimeMessage message;
                try { message = MimeMessage.Load(file); }
                catch (Exception ex) when (ex is IOException or FormatException) { continue; }
                var at = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
                foreach (var to in message.To.Mailboxes)
                    if (!arrivals.TryGetValue(to.Address, out var seen) || seen > at) arrivals[to.Address] = at;
            }
        }
        return arrivals;
    }

    private static async Task<Drain> DrainAsync(CancellationToken ct)
    {
        var unsent = new Dictionary<string, long>();
        foreach (var database in new[] { "bookingdb", "sessiondb", "identitydb", "formdb", "documentdb" })
        {
            await using var source = NpgsqlDataSource.Create(TestEnvironment.Postgres(database));
            await using var command = source.CreateCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL");
            unsent[database] = (long)(await command.ExecuteScalarAsync(ct))!;
        }
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.RabbitMqManagement) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        var queues = await http.GetFromJsonAsync<JsonElement>("/api/queues", ct);
        long queued = 0, errors = 0;
        var errorQueues = new List<string>();
        foreach (var queue in queues.EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString()!;
            var messages = queue.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0;
            queued += messages;
            if (name.EndsWith("_error", StringComparison.Ordinal) || name.EndsWith("_skipped", StringComparison.Ordinal))
            {
                errors += messages;
                if (messages > 0) errorQueues.Add($"{name} ({messages})");
            }
        }
        return new Drain(unsent, queued, errors, errorQueues);
    }
}
