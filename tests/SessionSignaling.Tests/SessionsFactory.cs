using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Security;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>The sessions service in-process, with TURN settings and helpers to open rooms the way booking does.</summary>
public class SessionsFactory : ServiceFactory<Program>
{
    public const string TurnSecret = "test-turn-secret";

    public SessionsFactory() : base("sessiondb")
    {
    }

    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        new("Turn:Secret", TurnSecret),
        new("Turn:Urls:0", "turn:127.0.0.1:3478?transport=udp"),
        new("Turn:Urls:1", "turn:127.0.0.1:3478?transport=tcp"),
    ];

    /// <summary>The departments known at start, as the gateway's staff accounts would have announced them.</summary>
    protected virtual IEnumerable<string> KnownDepartments => ["residents-office", "tax-office"];

    /// <summary>The demo city's departments are known (<see cref="KnownDepartments"/>).</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        foreach (var department in KnownDepartments)
            await db.Database.ExecuteSqlAsync($"INSERT INTO known_departments (key) VALUES ({department}) ON CONFLICT DO NOTHING");
    }

    /// <summary>Publishes QueueTicketIssued over RabbitMQ, as booking does, and waits for the room.</summary>
    public async Task<TestRoom> IssueTicketAsync(string department = "residents-office", string concern = "move", string name = "Erika Muster")
    {
        var token = CapabilityToken.Create();
        var ticketId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(new QueueTicketIssued(
            ticketId, concern, department, name, "erika@example.org", "de", CapabilityToken.Hash(token), now, now.AddHours(2)));
        var room = await WaitForRoomAsync(r => r.TicketId == ticketId);
        return new TestRoom(room.Id, token, ticketId, null);
    }

    /// <summary>
    /// Publishes like another service would, once this host's consumers are bound: the bus starts in the
    /// background, and a message published before its queue is bound would go nowhere.
    /// </summary>
    public async Task PublishAsync<T>(T message) where T : class
    {
        var bus = Services.GetRequiredService<IBusControl>();
        var health = await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (health != BusHealthStatus.Healthy) throw new TimeoutException("The bus did not become healthy.");
        await bus.Publish(message);
    }

    public async Task<Room> WaitForRoomAsync(System.Linq.Expressions.Expression<Func<Room, bool>> where, Func<Room, bool>? until = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
            var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(where);
            if (room is not null && (until is null || until(room))) return room;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The room did not appear or change in time.");
            await Task.Delay(100);
        }
    }

    /// <summary>Integration events this service stored for a room (they leave through the outbox).</summary>
    public async Task<List<JsonElement>> EventsAsync<T>(Guid roomId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SessionDb>();
        var bodies = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.MessageType == typeof(T).FullName)
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.Body)
            .ToListAsync();
        return bodies.Select(b => JsonSerializer.Deserialize<JsonElement>(b))
            .Where(e => e.GetProperty("sessionId").GetGuid() == roomId)
            .ToList();
    }
}

public sealed record TestRoom(Guid Id, string Token, Guid? TicketId, Guid? AppointmentId);
