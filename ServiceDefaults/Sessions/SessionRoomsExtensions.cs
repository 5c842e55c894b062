using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Municipal.ServiceDefaults.Sessions;

public static class SessionRoomsExtensions
{
    /// <summary>Registers <see cref="SessionRooms"/> with its named client at <c>http://sessions</c> (resolved by service discovery).</summary>
    public static IHostApplicationBuilder AddSessionRooms(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(SessionRooms.Client, c => c.BaseAddress = new Uri("http://sessions"));
        builder.Services.AddSingleton<SessionRooms>();
        return builder;
    }
}
