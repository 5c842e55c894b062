using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.Benchmarks.Consultation;

public sealed record BenchTicket(Guid TicketId, string Token);

/// <summary>Issues queue tickets the way booking does (QueueTicketIssued over RabbitMQ), independent of opening hours.</summary>
public static class Tickets
{
    public static async Task<IBusControl> StartBusAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(TestEnvironment.RabbitMq);
        var vhost = uri.AbsolutePath is "" or "/" ? "/" : Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), vhost, host =>
        {
            var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
            host.Username(credentials.ElementAtOrDefault(0) is { Length: > 0 } user ? user : "guest");
            host.Password(credentials.ElementAtOrDefault(1) ?? "guest");
        }));
        await bus.StartAsync(cancellationToken);
        return bus;
    }

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
        var bus = await StartBusAsync(cancellationToken);
        try { return await PublishAsync(bus, name, cancellationToken); }
        finally { await bus.StopAsync(cancellationToken); }
    }
}
