using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Booking.Jobs;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Probe (operations) item 1: residents' names and addresses do not stay forever. They go a while after the appointment,
/// the cancellation or the ticket (with their links); the figures the supervisors read stay.
/// </summary>
public sealed class RetentionTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    [Fact]
    public async Task Names_and_addresses_go_after_the_appointment_the_cancellation_or_the_ticket_and_the_statistics_stay()
    {
        var monday = BookingFactory.MondayNine; // 2027-03-01 09:00 in Zurich
        var client = factory.CreateClient();
        var job = factory.Services.GetRequiredService<ResidentDataRetentionJob>();

        var kept = await (await client.Book("move", monday.AddMinutes(20), Mailbox.UniqueAddress(), name: "Anna Kept")).Json();
        var keptId = kept.GetProperty("appointment").GetProperty("id").GetGuid();
        var cancelled = await (await client.Book("move", monday.AddDays(2).AddHours(-1), Mailbox.UniqueAddress(), name: "Ben Cancelled")).Json();
        var cancelledId = cancelled.GetProperty("appointment").GetProperty("id").GetGuid();
        var cancelledManage = cancelled.GetProperty("manageToken").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithToken(HttpMethod.Delete, "/api/booking/appointments/mine", cancelledManage)).StatusCode);
        var waiting = await (await client.PostAsJsonAsync("/api/booking/queue", new { concernKey = "move", name = "Cleo Waiting", email = Mailbox.UniqueAddress(), language = "de" })).Json();
        var left = await (await client.PostAsJsonAsync("/api/booking/queue", new { concernKey = "move", name = "Dan Left", language = "de" })).Json();
        var leftToken = left.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithToken(HttpMethod.Delete, "/api/booking/queue/tickets/mine", leftToken)).StatusCode);
        var before = await StatisticsOfMondayAsync();

        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(["Anna Kept", "Ben Cancelled"], await NamesAsync(db => db.Appointments.OrderBy(a => a.CitizenName).Select(a => a.CitizenName)));
        Assert.Equal(["Cleo Waiting", "Dan Left"], await NamesAsync(db => db.QueueTickets.OrderBy(t => t.CitizenName).Select(t => t.CitizenName)));

        // Two days on: the tickets' day is over (the one that never finished once its link expired).
        factory.Clock.Advance(TimeSpan.FromDays(2));
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(["", ""], await NamesAsync(db => db.QueueTickets.Select(t => t.CitizenName)));
        Assert.All(await NamesAsync(db => db.QueueTickets.Select(t => t.Email)), email => Assert.Null(email));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Get, "/api/booking/queue/tickets/mine", leftToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Get, "/api/booking/queue/tickets/mine", waiting.GetProperty("token").GetString()!)).StatusCode);
        Assert.Equal(["Anna Kept", "Ben Cancelled"], await NamesAsync(db => db.Appointments.OrderBy(a => a.CitizenName).Select(a => a.CitizenName)));

        // A week after the cancellation: the cancelled appointment's name, address and manage link are gone.
        factory.Clock.Advance(TimeSpan.FromDays(6));
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(("", ""), await NameAndAddressAsync(cancelledId));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithToken(HttpMethod.Get, "/api/booking/appointments/mine", cancelledManage)).StatusCode);
        Assert.Equal("Anna Kept", (await NameAndAddressAsync(keptId)).Name);

        // Thirty days after the appointment: its name and address are gone too; the statistics count what they counted.
        factory.Clock.Advance(TimeSpan.FromDays(23));
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(("", ""), await NameAndAddressAsync(keptId));
        using (var scope = factory.Services.CreateScope())
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<BookingDb>().ResidentTokens.ToListAsync());
        var after = await StatisticsOfMondayAsync();
        Assert.Equal((1, 1), (before.GetProperty("appointments").GetInt32(), before.GetProperty("tickets").GetInt32()));
        Assert.Equal((1, 1), (after.GetProperty("appointments").GetInt32(), after.GetProperty("tickets").GetInt32()));
    }

    private async Task<System.Text.Json.JsonElement> StatisticsOfMondayAsync()
    {
        var response = await factory.CreateStaffClient(Staff.Admin()).GetAsync("/api/booking/statistics?from=2027-03-01&to=2027-03-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Json()).GetProperty("total");
    }

    private async Task<(string Name, string Email)> NameAndAddressAsync(Guid appointmentId)
    {
        using var scope = factory.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<BookingDb>().Appointments.AsNoTracking().SingleAsync(a => a.Id == appointmentId);
        return (row.CitizenName, row.Email);
    }

    private async Task<List<T>> NamesAsync<T>(Func<BookingDb, IQueryable<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<BookingDb>()).ToListAsync();
    }
}
