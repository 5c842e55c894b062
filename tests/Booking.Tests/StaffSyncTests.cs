using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Staff;
using Municipal.Testing;
using Xunit.Sdk;

namespace Municipal.Booking.Tests;

/// <summary>Who can take which concern follows the staff accounts the gateway administers (StaffAccountChanged).</summary>
public class StaffSyncTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    private static readonly DateTimeOffset Noon = new(2027, 3, 1, 11, 0, 0, TimeSpan.Zero);

    private async Task<JsonElement?> SkillsOf(Guid staffId)
    {
        var all = await factory.CreateStaffClient(Staff.Admin()).GetFromJsonAsync<JsonElement>("/api/booking/admin/staff");
        return all.EnumerateArray().Where(s => s.GetProperty("staffId").GetGuid() == staffId).Select(s => (JsonElement?)s).FirstOrDefault();
    }

    private static string[] Concerns(JsonElement? staff) =>
        staff is { } s ? s.GetProperty("concernKeys").EnumerateArray().Select(c => c.GetString()!).Order().ToArray() : [];

    /// <summary>Publishes until the state shows (the consumer's queue may not be bound yet at the first message).</summary>
    private async Task<JsonElement?> ApplyAsync(StaffAccountChanged change, Func<JsonElement?, bool> applied)
    {
        var bus = factory.Services.GetRequiredService<IBus>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await bus.Publish(change);
            for (var i = 0; i < 10; i++)
            {
                var state = await SkillsOf(change.StaffId);
                if (applied(state)) return state;
                await Task.Delay(200);
            }
            if (DateTime.UtcNow > deadline) throw new XunitException($"{change} was not applied.");
        }
    }

    [Fact]
    public async Task An_active_clerk_takes_the_offered_concerns_of_their_skills_a_late_state_changes_nothing_and_disabling_takes_all()
    {
        var id = Guid.NewGuid();
        var clerk = new StaffAccountChanged(id, "Nora Neu", ["clerk"], ["residents-office", "tax-office"], ["move", "tax-enquiry", "not-offered"], true, Noon);

        var synced = await ApplyAsync(clerk, s => s is not null);
        Assert.Equal(["move", "tax-enquiry"], Concerns(synced));
        Assert.Equal("Nora Neu", synced!.Value.GetProperty("staffName").GetString());

        // Capacity: a free tax slot now counts two clerks (the seeded one and Nora).
        var slots = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/booking/concerns/tax-enquiry/slots?from=2027-03-02&to=2027-03-02");
        Assert.Contains(slots.GetProperty("slots").EnumerateArray(), s => s.GetProperty("free").GetInt32() == 2);

        // A state from before arrives late: nothing changes (a consumer takes milliseconds; two seconds pass). A newer one does.
        await factory.Services.GetRequiredService<IBus>().Publish(clerk with { Skills = [], ChangedAt = Noon.AddMinutes(-5) });
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(["move", "tax-enquiry"], Concerns(await SkillsOf(id)));
        var moved = await ApplyAsync(clerk with { Skills = ["dog-registration"], ChangedAt = Noon.AddMinutes(1) }, s => Concerns(s) is ["dog-registration"]);
        Assert.Equal("residents-office", moved!.Value.GetProperty("departmentKey").GetString());

        // Disabled, or no longer a clerk: no concern at all.
        await ApplyAsync(clerk with { Active = false, ChangedAt = Noon.AddMinutes(2) }, s => s is null);
        await ApplyAsync(clerk with { ChangedAt = Noon.AddMinutes(3) }, s => s is not null);
        await ApplyAsync(clerk with { Roles = ["supervisor"], ChangedAt = Noon.AddMinutes(4) }, s => s is null);
    }
}
