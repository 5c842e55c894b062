using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Staff;
using Municipal.SessionSignaling.Data;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>
/// Sessions learns the city's departments from the staff accounts the gateway publishes. On a fresh broker those left
/// before sessions' queue was bound, and a transfer to the tax office was refused ("Die Abteilung «tax-office» gibt es
/// nicht."). Once its queues are bound, sessions asks for them all (the gateway's answer: Gateway.Tests,
/// StaffDirectoryTests), and an account published then makes the department known.
/// </summary>
public sealed class StaffDirectoryRequestTests(StaffDirectoryRequestTests.Factory factory) : IClassFixture<StaffDirectoryRequestTests.Factory>
{
    /// <summary>Sessions as on a fresh system: no department known yet.</summary>
    public sealed class Factory : SessionsFactory
    {
        protected override IEnumerable<string> KnownDepartments => [];
    }

    [Fact]
    public async Task Once_its_queues_are_bound_sessions_asks_for_the_staff_accounts_and_learns_the_departments_of_the_answer()
    {
        var sent = await Poll.UntilAsync(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SessionDb>().OutboxMessages.AsNoTracking()
                .Where(m => m.MessageType == typeof(StaffDirectoryRequested).FullName && m.SentAt != null).Select(m => m.Body).ToListAsync();
        }, bodies => bodies.Count > 0, TimeSpan.FromSeconds(30), _ => "Sessions did not ask for the staff accounts.");
        var ask = JsonSerializer.Deserialize<JsonElement>(Assert.Single(sent));
        Assert.Equal("sessions", ask.GetProperty("service").GetString());

        // The gateway's answer: every account, one of them in a department sessions has not heard of.
        await factory.PublishAsync(new StaffAccountChanged(Guid.NewGuid(), "Tobias Tax", ["clerk"], ["tax-office"], ["tax-enquiry"], true, DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SessionDb>().KnownDepartments.AnyAsync(d => d.Key == "tax-office");
        }, known => known, TimeSpan.FromSeconds(30), _ => "The tax office did not become known.");
    }
}
