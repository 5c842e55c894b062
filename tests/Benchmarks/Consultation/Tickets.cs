using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.Benchmarks.Consultation;

public sealed record BenchTicket(Guid TicketId, string Token);

/// <summary>Issues queue tickets the way booking does (QueueTicketIssued over RabbitMQ), independent of opening hours.</summary>
public static class Tickets
{
    public static async Task<BenchTicket> PublishAsync(IBus bus, string name, CancellationToken cancellationToken)
    {
        var token = CapabilityToken.Create();
        var ticketId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await bus.Publish(new QueueTicketIssued(ticketId, "move", "residents-office", name, null, "de", CapabilityToken.Hash(token), now, now.AddHours(1)), cancellationToken);
        return new BenchTicket(ticketId, token);
    }

    public static async Task<BenchTicket> PublishAsync(string name, CancellationToken cancellationToken)
    {
        var bus = await TestBus.StartAsync(cancellationToken);
        try { return await PublishAsync(bus, name, cancellationToken); }
        finally { await bus.StopAsync(cancellationToken); }
    }
}
