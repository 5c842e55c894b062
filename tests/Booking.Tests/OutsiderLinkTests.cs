using System.Net;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// An appointment's links as an outsider tries them (probe 5): the room link (forwarded to a relative or an interpreter)
/// and the one a move replaced neither move nor cancel it; another resident's manage link only ever reaches their own.
/// </summary>
public sealed class OutsiderLinkTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    // Wednesday 3 March 2027, 08:00, 08:40 and 09:20 in Zurich (CET).
    private static readonly DateTimeOffset WednesdayEight = new(2027, 3, 3, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Room_links_old_and_new_and_another_residents_link_neither_move_nor_cancel_an_appointment()
    {
        var client = factory.CreateClient();
        var email = Mailbox.UniqueAddress();
        var booked = await (await client.Book("move", WednesdayEight, email)).Json();
        var manage = booked.GetProperty("manageToken").GetString()!;
        var firstJoin = Http.TokenFromLink((await Mailbox.WaitForAsync(email)).Single().TextBody, "/room.html");
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithToken(HttpMethod.Put, "/api/booking/appointments/mine", manage, new { start = WednesdayEight.AddMinutes(40) })).StatusCode);
        var secondJoin = Http.TokenFromLink((await Mailbox.WaitForAsync(email, 2)).Last().TextBody, "/room.html");

        var otherEmail = Mailbox.UniqueAddress();
        var otherBooked = await (await client.Book("move", WednesdayEight.AddMinutes(80), otherEmail, name: "Otto Anders")).Json();
        var otherManage = otherBooked.GetProperty("manageToken").GetString()!;

        foreach (var token in new[] { firstJoin, secondJoin })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Put, "/api/booking/appointments/mine", token, new { start = WednesdayEight })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Delete, "/api/booking/appointments/mine", token)).StatusCode);
        }
        // The other resident's link cancels their own appointment, not this one.
        var cancelled = await (await client.SendWithToken(HttpMethod.Delete, "/api/booking/appointments/mine", otherManage)).Json();
        Assert.Equal(otherBooked.GetProperty("appointment").GetProperty("id").GetGuid(), cancelled.GetProperty("id").GetGuid());

        var mine = await (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", manage)).Json();
        Assert.Equal("booked", mine.GetProperty("status").GetString());
        Assert.Equal(WednesdayEight.AddMinutes(40), mine.GetProperty("start").GetDateTimeOffset());
    }
}
