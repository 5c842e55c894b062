using MassTransit;

namespace Municipal.Testing;

/// <summary>
/// A bus on the running system's RabbitMQ (<see cref="TestEnvironment.RabbitMq"/>, its virtual host included), for
/// tests that publish what a service would: a queue ticket outside opening hours, consultations long past.
/// </summary>
public static class TestBus
{
    public static async Task<IBusControl> StartAsync(CancellationToken cancellationToken = default)
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

    /// <summary>Publishes each message as its own type, then stops the bus.</summary>
    public static async Task PublishAsync(IEnumerable<object> messages, CancellationToken cancellationToken = default)
    {
        var bus = await StartAsync(cancellationToken);
        try
        {
            foreach (var message in messages) await bus.Publish(message, cancellationToken);
        }
        finally
        {
            await bus.StopAsync(cancellationToken);
        }
    }
}
