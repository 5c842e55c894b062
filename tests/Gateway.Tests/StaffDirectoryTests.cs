using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Staff;
using Municipal.Gateway.Data;
using Municipal.Gateway.Staff;
using Municipal.Testing;

namespace Municipal.Gateway.Tests;

/// <summary>
/// On a fresh broker the gateway's start-up broadcast of the staff accounts may leave before a service's queue is
/// bound, and RabbitMQ drops it: sessions then refused a transfer to the tax office, a department it had never heard
/// of. The service asks once its queues are bound (<see cref="StaffDirectoryRequested"/>); the gateway answers with
/// every account, over RabbitMQ, once for the asks of services starting together.
/// </summary>
public sealed class StaffDirectoryTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    private async Task<List<StaffAccountChanged>> PublishedAsync()
    {
        await using var scope = gateway.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        var bodies = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == typeof(StaffAccountChanged).FullName)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Body).ToListAsync();
        return bodies.Select(b => JsonSerializer.Deserialize<StaffAccountChanged>(b, JsonSerializerOptions.Web)!).ToList();
    }

    private async Task<HashSet<Guid>> AccountsAsync()
    {
        await using var scope = gateway.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().Users.Select(u => u.Id).ToListAsync()).ToHashSet();
    }

    /// <summary>Waits until every account's state was published at or after <paramref name="since"/>.</summary>
    private async Task<List<StaffAccountChanged>> EveryAccountSinceAsync(DateTimeOffset since)
    {
        var accounts = await AccountsAsync();
        return await Poll.UntilAsync(async () => (await PublishedAsync()).Where(e => e.ChangedAt >= since).ToList(),
            published => accounts.IsSubsetOf(published.Select(e => e.StaffId)), TimeSpan.FromSeconds(30),
            published => $"{published.Count} account states published since {since:O}, for {accounts.Count} accounts.");
    }

    [Fact]
    public async Task Every_account_is_published_at_start_once_for_services_asking_together_and_again_for_a_later_ask()
    {
        // At start, once the bus is up: the demo city's five accounts, departments included.
        var atStart = await EveryAccountSinceAsync(DateTimeOffset.MinValue);
        var tobias = atStart.Last(e => e.StaffId == Guid.Parse("00000000-0000-0000-0000-00000000a004"));
        Assert.Equal(("Tobias Tax", true), (tobias.Name, tobias.Active));
        Assert.Equal(["clerk"], tobias.Roles);
        Assert.Equal(["tax-office"], tobias.Departments);
        Assert.Equal(["tax-assessment", "tax-enquiry", "tax-payment", "tax-return", "withholding-tax"], tobias.Skills);

        // Three services whose queues were bound after that ask together: one answer, every account, through the outbox.
        var bus = gateway.Services.GetRequiredService<IBusControl>();
        Assert.Equal(BusHealthStatus.Healthy, await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60)));
        var accounts = (await AccountsAsync()).Count;
        var before = (await PublishedAsync()).Count;
        var asked = DateTimeOffset.UtcNow;
        foreach (var service in new[] { "sessions", "booking", "documents" }) await bus.Publish(new StaffDirectoryRequested(service, asked));
        Assert.Equal(accounts, (await EveryAccountSinceAsync(asked)).Count);
        await Task.Delay(StaffDirectory.Gather * 3);
        Assert.Equal(before + accounts, (await PublishedAsync()).Count);

        // A service that asks later (a replica started after) gets its own answer.
        var later = DateTimeOffset.UtcNow;
        await bus.Publish(new StaffDirectoryRequested("sessions", later));
        Assert.Equal(accounts, (await EveryAccountSinceAsync(later)).Count);
    }

    [Fact]
    public async Task A_broadcast_during_an_admins_change_waits_for_it_and_carries_the_changed_state()
    {
        var admin = await gateway.SignedInAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName = $"race.{Guid.NewGuid():N}"[..20], displayName = "Nora Neu", roles = new[] { "clerk" },
            departments = new[] { "residents-office" }, skills = new[] { "move" },
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account").GetProperty("id").GetGuid();

        // An admin's change, its row written and not yet committed (as StaffAccounts.ChangeAsync holds it while it
        // stamps and stores the account's event).
        await using var scope = gateway.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        await using var change = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE staff_users SET display_name = 'Nora Neu-Muster' WHERE id = {id}");

        var broadcast = gateway.Services.GetRequiredService<StaffDirectory>().BroadcastAsync(DateTimeOffset.MaxValue, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(broadcast.IsCompleted, "The broadcast read the accounts while a change was in flight.");
        await change.CommitAsync();
        Assert.True(await broadcast);

        var last = (await PublishedAsync()).Last(e => e.StaffId == id);
        Assert.Equal("Nora Neu-Muster", last.Name);
    }
}
