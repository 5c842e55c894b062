using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

public class QueueTests
{
    private static Task<HttpResponseMessage> Join(HttpClient client, string concernKey, string name) =>
        client.PostAsJsonAsync("/api/booking/queue", new { concernKey, name, language = "de" });

    private static async Task<string> JoinAndGetToken(HttpClient client, string concernKey, string name)
    {
        var response = await Join(client, concernKey, name);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Json()).GetProperty("token").GetString()!;
    }

    private static async Task<System.Text.Json.JsonElement> Mine(HttpClient client, string token)
    {
        var response = await client.SendWithToken(HttpMethod.Get, "/api/booking/queue/tickets/mine", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    [Fact]
    public async Task Clerks_take_the_longest_waiting_across_their_skills_and_appointments_due_now_first()
    {
        await using var factory = new BookingFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var resident = factory.CreateClient();
            var first = await JoinAndGetToken(resident, "move", "Anna First");
            factory.Clock.Advance(TimeSpan.FromSeconds(10));
            var second = await JoinAndGetToken(resident, "dog-registration", "Ben Second");
            factory.Clock.Advance(TimeSpan.FromSeconds(10));
            var third = await JoinAndGetToken(resident, "move", "Cleo Third");
            var tax = await JoinAndGetToken(resident, "tax-enquiry", "Dora Tax");

            Assert.Equal(1, (await Mine(resident, first)).GetProperty("position").GetInt64());
            Assert.Equal(2, (await Mine(resident, third)).GetProperty("position").GetInt64());
            Assert.True((await Mine(resident, third)).GetProperty("estimatedWaitMinutes").GetInt32() > 0);

            // An appointment starting in 20 minutes (Monday 09:20) is due now and goes first.
            var booked = await resident.Book("move", BookingFactory.MondayNine.AddMinutes(20), Mailbox.UniqueAddress(), name: "Emil Appointment");
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

            var clerk = factory.CreateStaffClient(BookingFactory.ClerkResidents);
            var queue = await (await clerk.GetAsync("/api/booking/queue")).Json();
            Assert.Equal(["Anna First", "Ben Second", "Cleo Third"], queue.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("citizenName").GetString()));
            Assert.Equal(1, queue.GetProperty("appointmentsDueNow").GetInt32());

            var order = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                var next = await clerk.PostAsync("/api/booking/queue/next", null);
                Assert.Equal(HttpStatusCode.OK, next.StatusCode);
                var body = await next.Json();
                order.Add($"{body.GetProperty("kind").GetString()}:{body.GetProperty("citizenName").GetString()}");
                Assert.StartsWith("/agent/room.html?", body.GetProperty("roomUrl").GetString());
            }
            Assert.Equal(["appointment:Emil Appointment", "ticket:Anna First", "ticket:Ben Second", "ticket:Cleo Third"], order);
            Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync("/api/booking/queue/next", null)).StatusCode);

            Assert.Equal("called", (await Mine(resident, first)).GetProperty("status").GetString());
            Assert.Equal("waiting", (await Mine(resident, tax)).GetProperty("status").GetString());

            // The tax clerk's queue holds only the tax ticket.
            var taxQueue = await (await factory.CreateStaffClient(BookingFactory.ClerkTax).GetAsync("/api/booking/queue")).Json();
            Assert.Equal(["Dora Tax"], taxQueue.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("citizenName").GetString()));

            // A called ticket nobody joins within a minute is missed.
            factory.Clock.Advance(TimeSpan.FromMinutes(2));
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
            await Poll.UntilAsync(() => db.QueueTickets.AsNoTracking().CountAsync(t => t.Status == "missed"), n => n == 3, TimeSpan.FromSeconds(20), n => $"{n} tickets missed, not 3");
            Assert.Equal("missed", (await Mine(resident, first)).GetProperty("status").GetString());
            Assert.Equal(4, await db.QueueTickets.CountAsync());
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Fact]
    public async Task The_queue_survives_a_restart_of_the_service()
    {
        var before = new BookingFactory();
        await ((IAsyncLifetime)before).InitializeAsync();
        BookingFactory? after = null;
        try
        {
            var tokens = new List<string>();
            foreach (var name in new[] { "One", "Two", "Three" })
            {
                tokens.Add(await JoinAndGetToken(before.CreateClient(), "general-enquiry", name));
                before.Clock.Advance(TimeSpan.FromSeconds(5));
            }
            await before.DisposeAsync(); // the host stops; database and Redis keys stay

            after = BookingFactory.RestartOf(before);
            await ((IAsyncLifetime)after).InitializeAsync();
            var resident = after.CreateClient();
            Assert.Equal(2, (await Mine(resident, tokens[1])).GetProperty("position").GetInt64());

            var next = await (await after.CreateStaffClient(BookingFactory.ClerkSecond).PostAsync("/api/booking/queue/next", null)).Json();
            Assert.Equal("One", next.GetProperty("citizenName").GetString());
            Assert.Equal(1, (await Mine(resident, tokens[1])).GetProperty("position").GetInt64());
        }
        finally
        {
            if (after is not null) await ((IAsyncLifetime)after).DisposeAsync();
            await ((IAsyncLifetime)before).DisposeAsync();
        }
    }

    [Fact]
    public async Task Outside_opening_hours_the_queue_offers_appointments_and_tokens_keep_to_their_purpose()
    {
        await using var factory = new BookingFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var client = factory.CreateClient();
            var ticket = await JoinAndGetToken(client, "lost-and-found", "Early Bird");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", ticket)).StatusCode);

            var invalid = await client.PostAsJsonAsync("/api/booking/queue", new { concernKey = "lost-and-found", name = " ", email = "x@", language = "de" });
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var errors = (await invalid.Json()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("name", out _));
            Assert.True(errors.TryGetProperty("email", out _));

            // Leaving the queue ends the ticket.
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithToken(HttpMethod.Delete, "/api/booking/queue/tickets/mine", ticket)).StatusCode);
            Assert.Equal("cancelled", (await Mine(client, ticket)).GetProperty("status").GetString());

            factory.Clock.Advance(TimeSpan.FromHours(3)); // Monday 12:00: lunch break
            var closed = await Join(client, "lost-and-found", "Lunch Time");
            Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
            var next = (await closed.Json()).GetProperty("nextSlots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
            Assert.NotEmpty(next);
            Assert.Equal(new DateTimeOffset(2027, 3, 1, 12, 30, 0, TimeSpan.Zero), next[0]); // 13:30 in Zurich

            // A ticket token expires after twelve hours.
            factory.Clock.Advance(TimeSpan.FromHours(10));
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Get, "/api/booking/queue/tickets/mine", ticket)).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    /// <summary>
    /// The outside walks: a queue ticket lived only in the page's address, so a closed tab or a flat battery cost the
    /// place. A resident who gave an address gets its link by mail, in the ticket's language; it leads to the ticket.
    /// </summary>
    [Fact]
    public async Task A_resident_who_gave_an_address_gets_the_link_to_the_place_by_mail()
    {
        await using var factory = new BookingFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var client = factory.CreateClient();
            var email = Mailbox.UniqueAddress();
            var joined = await client.PostAsJsonAsync("/api/booking/queue", new { concernKey = "lost-and-found", name = "Zoé Attente", email, language = "fr" });
            Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
            var issued = await joined.Json();
            var token = issued.GetProperty("token").GetString()!;
            Assert.True(issued.GetProperty("mailed").GetBoolean());

            var mail = (await Mailbox.WaitForAsync(email)).Single();
            Assert.Equal("Votre place dans la file d’attente\u00a0: Objets trouvés", mail.Subject);
            Assert.StartsWith("Bonjour Zoé Attente,", mail.TextBody);
            Assert.Equal(token, Http.TokenFromLink(mail.TextBody, "/queue.html"));
            Assert.Contains($"/queue.html#t={token}&lang=fr", mail.TextBody, StringComparison.Ordinal);
            // Twelve hours from Monday 09:00 in Zurich, written as French writes it.
            Assert.Contains("Le lien est valable jusqu’au 1 mars 2027 à 21:00.", mail.TextBody, StringComparison.Ordinal);
            var mine = await Mine(client, token);
            Assert.Equal("waiting", mine.GetProperty("status").GetString());
            Assert.True(mine.GetProperty("mailed").GetBoolean());

            // Joining again and again with that address (a stranger's, say) sends no second mail within ten minutes,
            // and that ticket's page does not claim one.
            var again = await client.PostAsJsonAsync("/api/booking/queue", new { concernKey = "lost-and-found", name = "Zoé Encore", email, language = "fr" });
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            var second = await again.Json();
            Assert.False(second.GetProperty("mailed").GetBoolean());
            Assert.False((await Mine(client, second.GetProperty("token").GetString()!)).GetProperty("mailed").GetBoolean());

            // Without an address nothing waits for a mail, and the sealed link of the first left with its mail.
            await JoinAndGetToken(client, "lost-and-found", "Sans Adresse");
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
            for (var i = 0; i < 100 && await db.PendingTicketMails.AnyAsync(); i++) await Task.Delay(100);
            Assert.False(await db.PendingTicketMails.AnyAsync());
            Assert.Single(Mailbox.For(email));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    /// <summary>
    /// A resident could wait in a live queue nobody watched. A concern is attended while a clerk who handles it has a
    /// staff page open (each asks for the clerk's queue every 15 s): the residents' answers say only yes or no, from no
    /// clerk page, to a clerk's ask, to the window after it.
    /// </summary>
    [Fact]
    public async Task A_concern_is_attended_only_while_a_clerk_who_handles_it_has_a_staff_page_open()
    {
        await using var factory = new BookingFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var resident = factory.CreateClient();
            async Task<Dictionary<string, bool>> Attended()
            {
                var response = await resident.GetAsync("/api/booking/queue/attended");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
                var body = await response.Json();
                // Yes or no per concern; nothing of who is there or how many.
                Assert.Equal(["concerns"], body.EnumerateObject().Select(p => p.Name));
                return body.GetProperty("concerns").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
            }

            // No clerk page open: nobody is at any counter, though the queue takes the resident all the same.
            Assert.DoesNotContain(true, (await Attended()).Values);
            var joined = await (await Join(resident, "move", "Nora Niemand")).Json();
            Assert.False(joined.GetProperty("attended").GetBoolean());
            var token = joined.GetProperty("token").GetString()!;
            Assert.False((await Mine(resident, token)).GetProperty("attended").GetBoolean());

            // The residents' clerk's staff page asks for her queue: her department's concerns are attended, tax is not.
            factory.Clock.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateStaffClient(BookingFactory.ClerkResidents).GetAsync("/api/booking/queue")).StatusCode);
            var attended = await Attended();
            Assert.True(attended["move"]);
            Assert.True(attended["dog-registration"]);
            Assert.False(attended["tax-enquiry"]);
            Assert.True((await Mine(resident, token)).GetProperty("attended").GetBoolean());
            Assert.True((await (await Join(resident, "move", "Otto Später")).Json()).GetProperty("attended").GetBoolean());

            // Within the window (90 s) she still counts; after it, with no further ask, nobody is there again.
            factory.Clock.Advance(TimeSpan.FromSeconds(85));
            Assert.True((await Attended())["move"]);
            factory.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.False((await Attended())["move"]);
            Assert.False((await Mine(resident, token)).GetProperty("attended").GetBoolean());

            // Pressing "take next" counts as being there too; a called ticket's answer no longer says either way.
            var taken = await factory.CreateStaffClient(BookingFactory.ClerkSecond).PostAsync("/api/booking/queue/next", null);
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
            Assert.True((await Attended())["move"]);
            var called = await Mine(resident, token);
            Assert.Equal("called", called.GetProperty("status").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, called.GetProperty("attended").ValueKind);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    /// <summary>
    /// The wait estimate shared those ahead among all of a concern's clerks, those not in too: "move" is handled by two,
    /// and with one of them at the counter a resident third in line waited twice what the page said. It divides by the
    /// clerks at the counter now, at least one (with nobody there it counts the first to come; the page says nobody is).
    /// </summary>
    [Fact]
    public async Task The_wait_estimate_shares_those_ahead_among_the_clerks_at_the_counter_not_all_who_handle_the_concern()
    {
        await using var factory = new BookingFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var resident = factory.CreateClient();
            async Task<int> Estimate(string token) => (await Mine(resident, token)).GetProperty("estimatedWaitMinutes").GetInt32();
            await JoinAndGetToken(resident, "move", "Anna Eins");
            await JoinAndGetToken(resident, "move", "Ben Zwei");

            // Nobody at the counter: the two ahead are two rounds of the one clerk who comes first, on joining and after.
            var joined = await (await Join(resident, "move", "Cleo Drei")).Json();
            var third = joined.GetProperty("token").GetString()!;
            var oneClerk = joined.GetProperty("estimatedWaitMinutes").GetInt32();
            Assert.False(joined.GetProperty("attended").GetBoolean());
            Assert.True(oneClerk > 0);
            Assert.Equal(oneClerk, await Estimate(third));

            // One of move's two clerks opens her staff page: still one clerk's pace, though two handle the concern.
            factory.Clock.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateStaffClient(BookingFactory.ClerkResidents).GetAsync("/api/booking/queue")).StatusCode);
            Assert.Equal(oneClerk, await Estimate(third));
            Assert.True((await Mine(resident, third)).GetProperty("attended").GetBoolean());

            // Her colleague comes too: the two ahead are one round.
            factory.Clock.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateStaffClient(BookingFactory.ClerkSecond).GetAsync("/api/booking/queue")).StatusCode);
            Assert.Equal(oneClerk, 2 * await Estimate(third));
            // A fourth joining now has three ahead: two rounds of the two.
            Assert.Equal(oneClerk, (await (await Join(resident, "move", "Dora Vier")).Json()).GetProperty("estimatedWaitMinutes").GetInt32());

            // Only the first keeps her page asking; past the window (90 s) her colleague no longer counts.
            factory.Clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateStaffClient(BookingFactory.ClerkResidents).GetAsync("/api/booking/queue")).StatusCode);
            factory.Clock.Advance(TimeSpan.FromSeconds(35));
            Assert.Equal(oneClerk, await Estimate(third));
            Assert.True((await Mine(resident, third)).GetProperty("attended").GetBoolean());
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}
