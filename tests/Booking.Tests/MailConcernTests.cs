using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// A mail names the concern as it stands when the mail leaves: taken from the calendar booking keeps (renewed on every
/// change, issue 18), and read from the database for a concern no longer offered, whose appointments residents can
/// still look up and cancel.
/// </summary>
public class MailConcernTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    [Fact]
    public async Task A_renamed_concern_is_named_anew_and_a_retired_one_still_named_in_the_cancellation()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        await PutConcernAsync(admin, "mail-name", "Probe vorher", active: true);
        (await admin.PutAsJsonAsync($"/api/booking/admin/staff/{Guid.NewGuid()}", new
        {
            staffName = "Mia Mail", departmentKey = "residents-office", concernKeys = new[] { "mail-name" },
        })).EnsureSuccessStatusCode();
        var client = factory.CreateClient();
        var body = await client.GetFromJsonAsync<JsonElement>("/api/booking/concerns/mail-name/slots");
        var slots = body.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();

        // The clock stands at the start of a slot: a time beginning now is not offered, since it cannot be booked.
        Assert.All(slots, start => Assert.True(start > factory.Clock.GetUtcNow(), $"{start} offered at {factory.Clock.GetUtcNow()}"));

        var first = Mailbox.UniqueAddress();
        var booked = await client.Book("mail-name", slots[0], first);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        Assert.Contains("Probe vorher", (await Mailbox.WaitForAsync(first)).Single().Subject);

        // Renamed: the next booking's mail has the new name, not the one the calendar held before.
        await PutConcernAsync(admin, "mail-name", "Probe nachher", active: true);
        var second = Mailbox.UniqueAddress();
        Assert.Equal(HttpStatusCode.Created, (await client.Book("mail-name", slots[1], second)).StatusCode);
        var confirmation = (await Mailbox.WaitForAsync(second)).Single();
        Assert.Contains("Probe nachher", confirmation.Subject);
        var manage = Http.TokenFromLink(confirmation.TextBody, "/manage.html");
        var offered = await (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json();
        Assert.True(offered.GetProperty("canChange").GetBoolean() && offered.GetProperty("canMove").GetBoolean(), offered.ToString());

        // Retired (no longer in the calendar): its appointments can still be looked up and cancelled, not moved, and the
        // cancellation names it.
        await PutConcernAsync(admin, "mail-name", "Probe nachher", active: false);
        var mine = await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var retired = await mine.Json();
        Assert.Equal("Probe nachher", retired.GetProperty("concernName").GetProperty("de").GetString());
        // The manage page offers the cancellation, not the move.
        Assert.True(retired.GetProperty("canChange").GetBoolean(), retired.ToString());
        Assert.False(retired.GetProperty("canMove").GetBoolean(), retired.ToString());
        var move = await client.SendWithToken(HttpMethod.Put, "/api/booking/appointments/mine", manage, new { start = slots[2] });
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        Assert.Equal("concern-gone", (await move.Json()).GetProperty("code").GetString());
        var cancelled = await client.SendWithToken(HttpMethod.Delete, "/api/booking/appointments/mine", manage);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var after = await cancelled.Json();
        Assert.Equal(("cancelled", false, false), (after.GetProperty("status").GetString(), after.GetProperty("canChange").GetBoolean(), after.GetProperty("canMove").GetBoolean()));
        var cancellation = (await Mailbox.WaitForAsync(second, 2)).Last();
        Assert.Contains("Probe nachher", cancellation.Subject);
        Assert.NotEqual(confirmation.Subject, cancellation.Subject);
    }

    private static async Task PutConcernAsync(HttpClient admin, string key, string nameDe, bool active) =>
        (await admin.PutAsJsonAsync($"/api/booking/admin/concerns/{key}", new
        {
            departmentKey = "residents-office", nameDe, nameEn = nameDe, durationMinutes = 30, bufferMinutes = 0, active,
        })).EnsureSuccessStatusCode();
}
