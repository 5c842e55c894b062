using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

public class ReminderTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    [Fact]
    public async Task A_reminder_leaves_once_a_day_before_with_working_links()
    {
        var email = Mailbox.UniqueAddress();
        var client = factory.CreateClient();
        var wednesdayEight = new DateTimeOffset(2027, 3, 3, 7, 0, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Created, (await client.Book("naturalisation", wednesdayEight, email)).StatusCode);
        await Mailbox.WaitForAsync(email);
        // The links' sealed row goes once its mail has left (read with the appointment, deleted by its key).
        await RowGoneAsync(email, MailKinds.Confirmation);

        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // Tuesday 09:01, a day before Wednesday 08:00 has passed
        var mails = await Mailbox.WaitForAsync(email, 2);
        var reminder = mails.Last();
        Assert.StartsWith("Erinnerung an Ihren Termin: Einbürgerung", reminder.Subject);
        Assert.Contains("Ausländerausweis", reminder.TextBody);
        await RowGoneAsync(email, MailKinds.Reminder);
        var manage = Http.TokenFromLink(reminder.TextBody, "/manage.html");
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(3)); // several passes of the reminder job
        Assert.Equal(2, Mailbox.For(email).Count());

        // The manage link ends a day after the appointment.
        factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).StatusCode);
    }

    /// <summary>Waits (up to 10 s) until the appointment booked for <paramref name="email"/> holds no pending mail of that kind.</summary>
    private async Task RowGoneAsync(string email, string kind)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
            var appointment = await db.Appointments.AsNoTracking().SingleAsync(a => a.Email == email);
            if (!await db.PendingMails.AnyAsync(m => m.AppointmentId == appointment.Id && m.Kind == kind)) return;
            await Task.Delay(100);
        }
        Assert.Fail($"The {kind} mail's row was still there 10 s after the mail.");
    }
}

/// <summary>
/// Booking probe, 2026-12-06: on the night the clocks go back a French mail read "02:30–02:00", and the two 02:30 of that
/// night read alike; an Italian one on the night they go forward "01:30–03:00" for 30 minutes. Such a time names its offset.
/// </summary>
public class MailClockTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2027-10-31T00:30:00Z", "02:30 (UTC+02:00)–02:00 (UTC+01:00)")] // summer 02:30 to winter 02:00
    [InlineData("2027-10-31T01:30:00Z", "02:30 (UTC+01:00)–03:00 (UTC+01:00)")] // the second 02:30
    [InlineData("2027-03-28T00:30:00Z", "01:30 (UTC+01:00)–03:00 (UTC+02:00)")] // over the hour that is skipped
    [InlineData("2027-03-02T08:00:00Z", "09:00–09:30")]
    [InlineData("2027-03-02T22:30:00Z", "23:30–24:00")] // the last time of a day open until midnight
    [InlineData("2027-03-02T23:00:00Z", "00:00–00:30")] // the first of the next day
    public void A_time_on_the_night_the_clocks_change_names_its_offset(string start, string expected)
    {
        var from = DateTimeOffset.Parse(start);
        Assert.Equal(expected, Municipal.Booking.Mail.AppointmentMails.Clock(
            TimeZoneInfo.ConvertTime(from, Berlin), TimeZoneInfo.ConvertTime(from.AddMinutes(30), Berlin), Berlin));
    }
}
