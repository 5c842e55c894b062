using System.Net;
using System.Net.Http.Json;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Issue 16 item 11: booking's refusals carry a reason code per field, and the values its text names, so a German or
/// French page shows its own text instead of "Enter your name (at most 200 characters)." or "Closing must be after opening.".
/// </summary>
public sealed class ReasonCodeTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    // Tuesday 2 March 2027, 08:00 in Zurich (CET).
    private static readonly DateTimeOffset TuesdayEight = new(2027, 3, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_refused_booking_names_each_field_with_its_code_and_values()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/booking/appointments",
            new { concernKey = "move", start = TuesdayEight, name = "", email = "nope", language = "es" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Json();
        // The English texts stay, for clients that know no codes.
        Assert.Equal("Enter your name (at most 200 characters).", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        var reasons = problem.GetProperty("reasons");
        Assert.Equal("name-length", reasons.GetProperty("name").GetString());
        Assert.Equal("email", reasons.GetProperty("email").GetString());
        Assert.Equal("language", reasons.GetProperty("language").GetString());
        Assert.Equal(200, problem.GetProperty("reasonArgs").GetProperty("name").GetProperty("max").GetInt32());

        var named = await client.Book("move", TuesdayEight, Mailbox.UniqueAddress(), name: "Erika www.example.org");
        Assert.Equal("name-link", (await named.Json()).GetProperty("reasons").GetProperty("name").GetString());

        var offGrid = await client.Book("move", TuesdayEight.AddMinutes(7), Mailbox.UniqueAddress());
        Assert.Equal("not-bookable", (await offGrid.Json()).GetProperty("reasons").GetProperty("start").GetString());
    }

    /// <summary>Probe (attack 2) item 12: "Gi\u200Bna" was booked, and shows as "Gina" without being equal to it.</summary>
    [Theory]
    [InlineData("Gi\u200Bna")]
    [InlineData("Gi\u200Dna")]
    [InlineData("Gina\uFEFF")]
    [InlineData("Gi\u2060na")]
    public async Task A_name_with_an_invisible_character_is_refused_with_a_code(string name)
    {
        var client = factory.CreateClient();
        var booked = await client.Book("move", TuesdayEight, Mailbox.UniqueAddress(), name: name);
        Assert.Equal(HttpStatusCode.BadRequest, booked.StatusCode);
        Assert.Equal("invisible-character", (await booked.Json()).GetProperty("reasons").GetProperty("name").GetString());
        var queued = await client.PostAsJsonAsync("/api/booking/queue", new { concernKey = "move", name, language = "de" });
        Assert.Equal(HttpStatusCode.BadRequest, queued.StatusCode);
        Assert.Equal("invisible-character", (await queued.Json()).GetProperty("reasons").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_closing_before_the_opening_is_refused_with_a_code()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var response = await admin.PutAsJsonAsync("/api/booking/admin/departments/residents-office/opening-hours",
            new[] { new { day = 1, opens = "12:00", closes = "08:00" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Json();
        Assert.Equal("closes-before-opens", problem.GetProperty("reasons").GetProperty("[0].closes").GetString());
        Assert.Equal("Closing must be after opening, at 24:00 at the latest. Past midnight: until 24:00, and from 00:00 on the next day.", problem.GetProperty("errors").GetProperty("[0].closes")[0].GetString());
    }
}
