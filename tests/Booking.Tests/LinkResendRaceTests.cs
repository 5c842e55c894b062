using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Found in the outsider's probe of 2026-12-07: "send me the links again" at the moment the resident moved the
/// appointment answered 409 `changed-meanwhile`, sent nothing, and had spent the address's allowance, so the page's
/// next try was answered 202 and sent nothing either.
/// </summary>
public sealed class LinkResendRaceTests(InterleavingBookingFactory factory) : IClassFixture<InterleavingBookingFactory>
{
    // Thursday 4 March 2027, 10:00 in Zurich (CET).
    private static readonly DateTimeOffset ThursdayTen = new(2027, 3, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_change_saved_between_reading_and_renewing_the_links_is_read_again_and_the_links_still_go_out()
    {
        var email = Mailbox.UniqueAddress();
        var client = factory.CreateClient();
        var booked = await (await client.Book("move", ThursdayTen, email)).Json();
        var id = booked.GetProperty("appointment").GetProperty("id").GetGuid();
        await Mailbox.WaitForAsync(email);

        factory.ChangeBeforeNextSave(email);
        var resent = await client.PostAsJsonAsync("/api/booking/appointments/links", new { email });

        Assert.True(resent.StatusCode == HttpStatusCode.Accepted, $"{resent.StatusCode}: {await resent.Content.ReadAsStringAsync()}");
        var mail = (await Mailbox.WaitForAsync(email, 2)).Last();
        Assert.StartsWith("Ihre Links zum Termin: Umzug innerhalb der Stadt", mail.Subject);
        var mine = await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", Http.TokenFromLink(mail.TextBody, "/manage.html"));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using var scope = factory.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<BookingDb>().Appointments.AsNoTracking().FirstAsync(a => a.Id == id);
        Assert.Equal(2, saved.Sequence); // the other request's change, then the renewal on top of it
    }
}
