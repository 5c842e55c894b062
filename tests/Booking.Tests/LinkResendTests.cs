using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Contracts.Sessions;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>Issue 16 item 6: addresses need a domain ending; a resident whose mail went missing gets the links again.</summary>
public sealed class LinkResendTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    // Wednesday 3 March 2027, 08:00 in Zurich (CET).
    private static readonly DateTimeOffset WednesdayEight = new(2027, 3, 3, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("anna.muster@example")]
    [InlineData("anna@example.")]
    [InlineData("anna@stadt..ch")]
    public async Task Booking_and_the_queue_refuse_an_address_without_a_domain_ending(string email)
    {
        var client = factory.CreateClient();
        var booked = await client.Book("move", WednesdayEight, email);
        Assert.Equal(HttpStatusCode.BadRequest, booked.StatusCode);
        Assert.True((await booked.Json()).GetProperty("errors").TryGetProperty("email", out _));

        var queued = await client.PostAsJsonAsync("/api/booking/queue", new { concernKey = "lost-and-found", name = "Anna", email, language = "de" });
        Assert.Equal(HttpStatusCode.BadRequest, queued.StatusCode);
        Assert.True((await queued.Json()).GetProperty("errors").TryGetProperty("email", out _));
    }

    /// <summary>A booking of "move" at <paramref name="start"/>: its id and its manage token.</summary>
    private static async Task<(Guid Id, string Manage)> BookAsync(HttpClient client, DateTimeOffset start, string email)
    {
        var booked = await (await client.Book("move", start, email)).Json();
        return (booked.GetProperty("appointment").GetProperty("id").GetGuid(), booked.GetProperty("manageToken").GetString()!);
    }

    [Fact]
    public async Task The_links_are_sent_again_with_fresh_tokens_and_the_old_ones_stop_working()
    {
        var email = Mailbox.UniqueAddress();
        var client = factory.CreateClient();
        var booked = await (await client.Book("move", WednesdayEight.AddHours(1), email)).Json();
        Assert.Equal(email, booked.GetProperty("appointment").GetProperty("email").GetString());
        var oldManage = booked.GetProperty("manageToken").GetString()!;
        var confirmation = (await Mailbox.WaitForAsync(email)).Single();
        var oldJoin = Http.TokenFromLink(confirmation.TextBody, "/room.html");

        // Typed in capitals: the address on file is found all the same.
        var resent = await client.PostAsJsonAsync("/api/booking/appointments/links", new { email = email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        var mail = (await Mailbox.WaitForAsync(email, 2)).Last();
        Assert.StartsWith("Ihre Links zum Termin: Umzug innerhalb der Stadt", mail.Subject);
        var newJoin = Http.TokenFromLink(mail.TextBody, "/room.html");
        var newManage = Http.TokenFromLink(mail.TextBody, "/manage.html");
        Assert.NotEqual(oldJoin, newJoin);
        Assert.NotEqual(oldManage, newManage);
        Assert.Contains("SEQUENCE:1", mail.Calendar());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", oldManage)).StatusCode);
        var mine = await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", newManage);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(email, (await mine.Json()).GetProperty("email").GetString());

        // A second request within the window gets the same answer and sends nothing more.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/booking/appointments/links", new { email })).StatusCode);
        await Task.Delay(2000);
        Assert.Equal(2, Mailbox.For(email).Count());
    }

    [Fact]
    public async Task A_consultation_the_resident_has_entered_keeps_its_links_when_anyone_asks_for_new_ones()
    {
        var email = Mailbox.UniqueAddress();
        var client = factory.CreateClient();
        var (enteredId, enteredManage) = await BookAsync(client, WednesdayEight.AddHours(2), email);
        var (laterId, laterManage) = await BookAsync(client, WednesdayEight.AddDays(1).AddHours(2), email);
        await Mailbox.WaitForAsync(email, 2);

        // The resident is in the room with the clerk (sessions tells booking).
        await factory.Services.GetRequiredService<IBus>().Publish(new ResidentJoined(Guid.NewGuid(), enteredId, null, DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () =>
        {
            using var scope = factory.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<BookingDb>().Appointments.FindAsync(enteredId))!.JoinedAt is not null;
        }, TimeSpan.FromSeconds(30), "the join was not consumed in time");

        // Someone who knows the address asks for the links: only the coming appointment's are renewed and sent.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/booking/appointments/links", new { email })).StatusCode);
        var resent = (await Mailbox.WaitForAsync(email, 3)).Last();
        await Task.Delay(1500);
        Assert.Equal(3, Mailbox.For(email).Count());
        var renewed = await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", Http.TokenFromLink(resent.TextBody, "/manage.html"));
        Assert.Equal(laterId, (await renewed.Json()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", enteredManage)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", laterManage)).StatusCode);
    }

    [Fact]
    public async Task An_appointment_whose_consultation_was_held_early_is_shown_held_and_is_no_longer_moved_or_cancelled()
    {
        var email = Mailbox.UniqueAddress();
        var client = factory.CreateClient();
        var (id, manage) = await BookAsync(client, WednesdayEight.AddHours(3), email);

        // A clerk took the resident days before the booked time and ended the consultation (sessions tells booking).
        await factory.Services.GetRequiredService<IBus>().Publish(new SessionEnded(Guid.NewGuid(), id, null, "move", "residents-office",
            Guid.NewGuid(), "video", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(12), DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () =>
            (await (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json()).GetProperty("status").GetString() == "held",
            TimeSpan.FromSeconds(30), "the appointment was not shown as held");

        var mine = await (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json();
        Assert.False(mine.GetProperty("canChange").GetBoolean());
        Assert.False(mine.GetProperty("canMove").GetBoolean());
        var cancel = await client.SendWithToken(HttpMethod.Delete, "/api/booking/appointments/mine", manage);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("consultation-held", (await cancel.Json()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_appointment_whose_consultation_is_running_is_neither_moved_nor_cancelled_nor_given_new_links()
    {
        var email = Mailbox.UniqueAddress();
        var client = factory.CreateClient();
        var (id, manage) = await BookAsync(client, WednesdayEight.AddHours(3).AddMinutes(20), email);
        await Mailbox.WaitForAsync(email);

        // A clerk took the resident before the booked time and is talking to them (sessions tells booking).
        await factory.Services.GetRequiredService<IBus>().Publish(new SessionStarted(Guid.NewGuid(), id, null, "move", "residents-office",
            BookingFactory.ClerkResidents.Id, DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () =>
            (await (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json()).GetProperty("status").GetString() == "running",
            TimeSpan.FromSeconds(30), "the appointment was not shown as running");

        var mine = await (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json();
        Assert.False(mine.GetProperty("canChange").GetBoolean());
        Assert.False(mine.GetProperty("canMove").GetBoolean());
        var cancel = await client.SendWithToken(HttpMethod.Delete, "/api/booking/appointments/mine", manage);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("consultation-running", (await cancel.Json()).GetProperty("code").GetString());
        var move = await client.SendWithToken(HttpMethod.Put, "/api/booking/appointments/mine", manage, new { start = WednesdayEight.AddDays(1).AddHours(3).AddMinutes(20) });
        Assert.Equal(HttpStatusCode.Conflict, move.StatusCode);
        Assert.Equal("consultation-running", (await move.Json()).GetProperty("code").GetString());

        // Nor does anyone who knows the address void the link the resident is about to use.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/booking/appointments/links", new { email })).StatusCode);
        await Task.Delay(1500);
        Assert.Single(Mailbox.For(email));
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).StatusCode);
    }

    [Fact]
    public async Task An_address_without_appointments_gets_the_same_answer_and_no_mail()
    {
        var email = Mailbox.UniqueAddress("stranger");
        var response = await factory.CreateClient().PostAsJsonAsync("/api/booking/appointments/links", new { email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength ?? 0);
        await Task.Delay(1500);
        Assert.Empty(Mailbox.For(email));

        var invalid = await factory.CreateClient().PostAsJsonAsync("/api/booking/appointments/links", new { email = "anna@example" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Json()).GetProperty("errors").TryGetProperty("email", out _));
    }
}
