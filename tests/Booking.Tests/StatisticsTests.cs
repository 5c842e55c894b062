using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Auth;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// The supervisors' statistics, seeded through the real flows: appointments booked over the API, walk-in tickets
/// taken and called (one missed), and the events the sessions service publishes when a consultation ends or is rated.
/// </summary>
public class StatisticsTests
{
    private static async Task<JsonElement> Statistics(BookingFactory factory, StaffIdentity staff, string query)
    {
        var response = await factory.CreateStaffClient(staff).GetAsync("/api/booking/statistics" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    [Fact]
    public async Task Supervisors_see_times_counts_no_shows_and_ratings_by_day_and_week_for_their_departments()
    {
        await using var factory = new BookingFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var monday = BookingFactory.MondayNine; // 2027-03-01 09:00 in Zurich
            var resident = factory.CreateClient();
            // Two appointments today (one will pass without the resident), one next week.
            Assert.Equal(HttpStatusCode.Created, (await resident.Book("move", monday.AddMinutes(20), Mailbox.UniqueAddress())).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await resident.Book("tax-enquiry", monday.AddHours(1), Mailbox.UniqueAddress())).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await resident.Book("move", monday.AddDays(8), Mailbox.UniqueAddress())).StatusCode);
            // Two walk-ins; the first is called and never enters the room.
            foreach (var name in new[] { "Anna Walk", "Ben Walk" })
                Assert.Equal(HttpStatusCode.Created, (await resident.PostAsJsonAsync("/api/booking/queue", new { concernKey = "move", name, language = "de" })).StatusCode);
            // The clerk's first "next" is the appointment due now, the second the longest-waiting ticket.
            var clerk = factory.CreateStaffClient(BookingFactory.ClerkResidents);
            Assert.Equal("appointment", (await (await clerk.PostAsync("/api/booking/queue/next", null)).Json()).GetProperty("kind").GetString());
            Assert.Equal("ticket", (await (await clerk.PostAsync("/api/booking/queue/next", null)).Json()).GetProperty("kind").GetString());

            // Consultations end and are rated, as the sessions service reports them.
            var ended = new[]
            {
                new SessionEnded(Guid.NewGuid(), null, null, "move", "residents-office", Guid.NewGuid(), "video", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(600), monday.AddMinutes(30)),
                new SessionEnded(Guid.NewGuid(), null, null, "residence-registration", "residents-office", Guid.NewGuid(), "chat", TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(900), monday.AddMinutes(40)),
                new SessionEnded(Guid.NewGuid(), null, null, "tax-enquiry", "tax-office", Guid.NewGuid(), "video", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(300), monday.AddMinutes(50)),
                new SessionEnded(Guid.NewGuid(), null, null, "move", "residents-office", Guid.NewGuid(), "screen", TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(1200), monday.AddDays(7)),
            };
            var ratings = new[] { (ended[0], 5), (ended[1], 4), (ended[2], 2) };
            var bus = factory.Services.GetRequiredService<IBus>();
            // Published until the consumers' queues are bound; booking keeps one row per consultation.
            await Poll.UntilAsync(async () =>
            {
                foreach (var e in ended) await bus.Publish(e);
                foreach (var (e, score) in ratings) await bus.Publish(new FeedbackGiven(e.SessionId, e.ConcernKey, e.DepartmentKey, score, null, e.EndedAt.AddMinutes(1)));
                await Task.Delay(500);
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
                return await db.Consultations.CountAsync() == 4 && await db.Feedback.CountAsync() == 3;
            }, TimeSpan.FromSeconds(30), "booking did not keep the four consultations and three ratings in time");

            factory.Clock.Advance(TimeSpan.FromHours(3)); // the 09:20 appointment passed unattended; the called ticket is missed
            await Poll.UntilAsync(async () =>
                (await Statistics(factory, Staff.Admin(), "?from=2027-03-01&to=2027-03-01")).GetProperty("total").GetProperty("noShows").GetProperty("tickets").GetInt32() == 1,
                TimeSpan.FromSeconds(30), "the missed ticket was not counted in time");

            var city = await Statistics(factory, Staff.Admin(), "?from=2027-03-01&to=2027-03-14");
            Assert.Equal(["residents-office", "tax-office"], city.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("key").GetString()));
            Assert.Equal(14, city.GetProperty("days").GetArrayLength());
            Assert.Equal(["2027-03-01", "2027-03-08"], city.GetProperty("weeks").EnumerateArray().Select(w => w.GetProperty("start").GetString()));

            var firstDay = city.GetProperty("days")[0];
            Assert.Equal("2027-03-01", firstDay.GetProperty("start").GetString());
            Assert.Equal(3, firstDay.GetProperty("consultations").GetInt32());
            Assert.Equal(70, firstDay.GetProperty("waiting").GetProperty("meanSeconds").GetDouble());
            Assert.Equal(120, firstDay.GetProperty("waiting").GetProperty("p90Seconds").GetDouble());
            Assert.Equal(600, firstDay.GetProperty("handling").GetProperty("meanSeconds").GetDouble());
            Assert.Equal(900, firstDay.GetProperty("handling").GetProperty("p90Seconds").GetDouble());
            Assert.Equal((2, 1), (firstDay.GetProperty("channels").GetProperty("video").GetInt32(), firstDay.GetProperty("channels").GetProperty("chat").GetInt32()));
            Assert.Equal((2, 2), (firstDay.GetProperty("appointments").GetInt32(), firstDay.GetProperty("tickets").GetInt32()));
            var noShows = firstDay.GetProperty("noShows");
            Assert.Equal((2, 1, 3), (noShows.GetProperty("appointments").GetInt32(), noShows.GetProperty("tickets").GetInt32(), noShows.GetProperty("total").GetInt32()));
            var feedback = firstDay.GetProperty("feedback");
            Assert.Equal((3, 3.67), (feedback.GetProperty("count").GetInt32(), feedback.GetProperty("mean").GetDouble()));
            Assert.Equal([0, 1, 0, 1, 1], feedback.GetProperty("distribution").EnumerateArray().Select(x => x.GetInt32()));
            var move = firstDay.GetProperty("byConcern").EnumerateArray().Single(c => c.GetProperty("concernKey").GetString() == "move");
            Assert.Equal((1, 1, 2), (move.GetProperty("consultations").GetInt32(), move.GetProperty("appointments").GetInt32(), move.GetProperty("tickets").GetInt32()));

            var secondWeek = city.GetProperty("weeks")[1];
            Assert.Equal(("2027-03-14", 1, 1), (secondWeek.GetProperty("end").GetString(), secondWeek.GetProperty("consultations").GetInt32(), secondWeek.GetProperty("channels").GetProperty("screen").GetInt32()));
            Assert.Equal((1, 0), (secondWeek.GetProperty("appointments").GetInt32(), secondWeek.GetProperty("noShows").GetProperty("total").GetInt32()));
            Assert.Equal(4, city.GetProperty("total").GetProperty("consultations").GetInt32());

            // A supervisor bound to the tax office sees the tax office only.
            var tax = await Statistics(factory, Staff.Supervisor("tax-office"), "?from=2027-03-01&to=2027-03-14");
            Assert.Equal(["tax-office"], tax.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("key").GetString()));
            Assert.Equal(1, tax.GetProperty("total").GetProperty("consultations").GetInt32());
            Assert.Equal(1, tax.GetProperty("total").GetProperty("appointments").GetInt32());
            Assert.Equal([0, 1, 0, 0, 0], tax.GetProperty("total").GetProperty("feedback").GetProperty("distribution").EnumerateArray().Select(x => x.GetInt32()));
            Assert.All(tax.GetProperty("concerns").EnumerateArray(), c => Assert.Equal("tax-office", c.GetProperty("departmentKey").GetString()));
            var other = await factory.CreateStaffClient(Staff.Supervisor("tax-office")).GetAsync("/api/booking/statistics?department=residents-office");
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateStaffClient(Staff.Clerk("tax-office")).GetAsync("/api/booking/statistics")).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bad_range_is_a_problem_naming_the_field()
    {
        await using var factory = new BookingFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var admin = factory.CreateStaffClient(Staff.Admin());
            foreach (var (query, field) in new[]
            {
                ("?from=1.3.2027", "from"), ("?to=2027-02-30", "to"), ("?from=2027-03-10&to=2027-03-01", "to"),
                ("?from=2025-01-01&to=2027-03-01", "to"), ("?department=nowhere", "department"),
                // Refused by the input guard's date window (date-range) before the query's own year check (year-range).
                ("?to=0001-01-05", "to"), ("?to=9999-12-31", "to"), ("?from=0001-01-01&to=0001-01-02", "to"),
            })
            {
                var response = await admin.GetAsync("/api/booking/statistics" + query);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _), query);
            }
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}
