using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;
using Xunit.Sdk;

namespace Municipal.EndToEnd.Tests.Operations;

/// <summary>
/// A booking through the gateway is one trace: the gateway's request, booking's handler and SQL, the outbox
/// relay's publish (restored from the stored trace context), the RabbitMQ consume and the SMTP send. Gateway
/// and booking run as their own processes exporting OTLP/HTTP to a receiver in the test, as they would to the
/// Aspire dashboard or a collector; they get a fresh database and RabbitMQ virtual host of their own.
/// </summary>
public class TraceTests
{
    private const int Producer = 4, Consumer = 5, Server = 2, Client = 3;

    [Fact]
    public async Task A_booking_is_one_trace_from_the_gateway_through_rabbitmq_to_the_mail_sent()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var bookingDb = await TestDatabase.CreateAsync("bookingdb");
        await using var gatewayDb = await TestDatabase.CreateAsync("gatewaydb");
        await using var vhost = await TestVirtualHost.CreateAsync();

        var common = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["ConnectionStrings__rabbitmq"] = vhost.ConnectionString,
            ["ConnectionStrings__redis"] = TestEnvironment.Redis,
            ["ConnectionStrings__smtp"] = TestEnvironment.Smtp,
            ["Redis__KeyPrefix"] = $"trace-{Guid.NewGuid():N}:",
            ["Auth__InternalKey"] = TestEnvironment.InternalKey,
            ["Mail__Maildir"] = TestEnvironment.Maildir,
        };
        await using var booking = ServiceProcess.Start("services/Booking", "Municipal.Booking", "booking",
            new Dictionary<string, string>(common) { ["ConnectionStrings__bookingdb"] = bookingDb.ConnectionString });
        await using var gateway = ServiceProcess.Start("gateway", "Municipal.Gateway", "gateway",
            new Dictionary<string, string>(common)
            {
                ["ConnectionStrings__gatewaydb"] = gatewayDb.ConnectionString,
                ["services__booking__http__0"] = booking.Url,
                // Not part of this flow; a closed port keeps the gateway's routes complete.
                ["services__sessions__http__0"] = "http://127.0.0.1:9",
                ["services__identity__http__0"] = "http://127.0.0.1:9",
                ["services__forms__http__0"] = "http://127.0.0.1:9",
                ["services__documents__http__0"] = "http://127.0.0.1:9",
            });
        await booking.WaitHealthyAsync("/health", TimeSpan.FromSeconds(120));
        await gateway.WaitHealthyAsync("/alive", TimeSpan.FromSeconds(120));

        using var http = new HttpClient { BaseAddress = new Uri(gateway.Url) };
        var slots = await http.GetFromJsonAsync<JsonElement>("/api/booking/concerns/move/slots");
        var start = slots.GetProperty("slots").EnumerateArray().First().GetProperty("start").GetDateTimeOffset();
        var email = Mailbox.UniqueAddress();
        var booked = await http.PostAsJsonAsync("/api/booking/appointments", new { concernKey = "move", start, name = "Trace Muster", email, language = "de" });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        // The resident reads the appointment with the link's token: it must show in no span's name or attribute.
        var token = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("manageToken").GetString()!;
        using (var mine = new HttpRequestMessage(HttpMethod.Get, "/api/booking/appointments/mine"))
        {
            mine.Headers.Add("X-Resident-Token", token);
            using var answer = await http.SendAsync(mine);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            // The route the service matched is for the gateway's span, not for the resident.
            Assert.False(answer.Headers.Contains("X-Municipal-Route"));
        }
        await Mailbox.WaitForAsync(email, timeout: TimeSpan.FromSeconds(60));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var spans = receiver.Spans;
            var mail = spans.FirstOrDefault(s => s.Service == "booking" && s.Scope == "Municipal" && s.Name == "smtp send");
            var trace = mail is null ? [] : spans.Where(s => s.TraceId == mail.TraceId).ToList();
            var byId = trace.ToDictionary(s => s.SpanId);
            var chain = new List<ReceivedSpan>();
            for (var span = mail; span is not null; span = span.ParentSpanId is { } p ? byId.GetValueOrDefault(p) : null) chain.Add(span);
            var description = string.Join("\n", chain.Select(s => $"{s.Service} {s.Scope} {s.Kind} {s.Name}"));
            // Spans arrive as they end, so the parents of the mail's span come in later batches.
            var complete = chain.Count > 0 && chain[^1].ParentSpanId is null;
            // The resident's read of the appointment ends before the mail goes; its span may come in a later batch.
            var read = spans.Any(s => s is { Service: "gateway", Scope: "Microsoft.AspNetCore", Kind: Server } && s.Attributes.GetValueOrDefault("http.route") == "/api/booking/appointments/mine");
            if (complete && read || (mail is not null && DateTime.UtcNow > deadline))
            {
                var root = chain[^1];
                // The mail's ancestry reaches, without a gap, the gateway's handling of the resident's request ...
                Assert.True(complete, $"The mail's parent chain is broken:\n{description}");
                Assert.True(root is { Service: "gateway", Scope: "Microsoft.AspNetCore", Kind: Server }, description);
                // The gateway's spans are named by the route the service matched, not by its own "/api/booking/{**rest}":
                // a template, with no key, id or token of the request in it.
                Assert.Equal("POST /api/booking/appointments", root.Name);
                Assert.Equal("/api/booking/appointments", root.Attributes.GetValueOrDefault("http.route"));
                var gatewaySpans = spans.Where(s => s is { Service: "gateway", Scope: "Microsoft.AspNetCore", Kind: Server }).ToList();
                Assert.Contains(gatewaySpans, s => s.Name == "GET /api/booking/concerns/{key}/slots" && s.Attributes.GetValueOrDefault("http.route") == "/api/booking/concerns/{key}/slots");
                Assert.Contains(gatewaySpans, s => s.Name == "GET /api/booking/appointments/mine");
                Assert.DoesNotContain(gatewaySpans, s => s.Name.Contains("**", StringComparison.Ordinal));
                // The resident's token is in no span of any service, by name or attribute.
                Assert.DoesNotContain(spans, s => s.Name.Contains(token, StringComparison.Ordinal) || s.Attributes.Values.Any(v => v.Contains(token, StringComparison.Ordinal)));
                Assert.Contains(chain, s => s is { Service: "gateway", Scope: "System.Net.Http", Name: "POST" });
                Assert.Contains(chain, s => s is { Service: "booking", Scope: "Microsoft.AspNetCore", Kind: Server, Name: "POST /api/booking/appointments" });
                Assert.Contains(chain, s => s is { Service: "booking", Scope: "Municipal", Name: "outbox publish AppointmentBooked", Kind: Producer });
                Assert.Contains(chain, s => s is { Service: "booking", Scope: "MassTransit", Kind: Producer });
                Assert.Contains(chain, s => s is { Service: "booking", Scope: "MassTransit", Kind: Consumer });
                // ... and the handler's SQL belongs to the same trace.
                Assert.Contains(trace, s => s is { Service: "booking", Scope: "Npgsql" });
                // Probes (the tests polled /health and /alive above) make no server spans.
                Assert.DoesNotContain(spans, s => s is { Scope: "Microsoft.AspNetCore", Kind: Server } && (s.Name.EndsWith("/health") || s.Name.EndsWith("/alive")));
                // Nor does background polling make traces of its own (the outbox's and the jobs' queries ran all along).
                Assert.DoesNotContain(spans, s => s is { ParentSpanId: null, Kind: Client });
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new XunitException($"No complete trace arrived. Spans received:\n{string.Join("\n", spans.Select(s => $"{s.TraceId[..8]} {s.Service} {s.Scope} {s.Kind} {s.Name}"))}");
            }
            await Task.Delay(300);
        }
    }
}
