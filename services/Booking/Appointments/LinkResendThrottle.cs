using Municipal.ServiceDefaults.Security;
using StackExchange.Redis;

namespace Municipal.Booking.Appointments;

/// <summary>
/// At most one mail of a kind per address and window, shared by every booking instance: a stranger who types someone's
/// address again and again (to resend links, or to join the queue) fills no mailbox. The key holds only the address's hash.
/// </summary>
public sealed class LinkResendThrottle(IConnectionMultiplexer redis, IConfiguration configuration)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public const string LinkResend = "link-resend";
    public const string QueuePlace = "queue-mail";

    private readonly string prefix = (configuration["Redis:KeyPrefix"] ?? "") + "booking:";

    /// <summary>True the first time an address asks for a mail of this kind within the window.</summary>
    public Task<bool> TryTakeAsync(string email, string kind = LinkResend) =>
        redis.GetDatabase().StringSetAsync($"{prefix}{kind}:{CapabilityToken.Hash(email.ToLowerInvariant())}", "1", Window, When.NotExists);
}
