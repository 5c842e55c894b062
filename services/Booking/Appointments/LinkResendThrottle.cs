using Municipal.ServiceDefaults.Security;
using StackExchange.Redis;

namespace Municipal.Booking.Appointments;

/// <summary>
/// At most one re-sent mail per address and window, shared by every booking instance: a stranger who types
/// someone's address again and again fills no mailbox. The key holds only the address's hash.
/// </summary>
public sealed class LinkResendThrottle(IConnectionMultiplexer redis, IConfiguration configuration)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly string prefix = (configuration["Redis:KeyPrefix"] ?? "") + "booking:link-resend:";

    /// <summary>True the first time an address asks within the window.</summary>
    public Task<bool> TryTakeAsync(string email) =>
        redis.GetDatabase().StringSetAsync(prefix + CapabilityToken.Hash(email.ToLowerInvariant()), "1", Window, When.NotExists);
}
