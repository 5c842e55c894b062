using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Municipal.ServiceDefaults.Sessions;

public static class SessionsClientExtensions
{
    /// <summary>
    /// Registers <see cref="SessionsClient"/> as a typed client at <c>http://sessions</c> (service discovery).
    /// <paramref name="timeout"/> bounds a look-up a person waits for.
    /// </summary>
    public static IHostApplicationBuilder AddSessionsClient(this IHostApplicationBuilder builder, TimeSpan? timeout = null)
    {
        builder.Services.AddHttpClient<SessionsClient>(SessionsClient.Name, c =>
        {
            c.BaseAddress = new Uri("http://sessions");
            if (timeout is { } t) c.Timeout = t;
        });
        return builder;
    }
}
