using System.Text.Json;
using StackExchange.Redis;

namespace Municipal.Form.Realtime;

/// <summary>
/// Changes to a draft fanned out over Redis pub/sub, so every instance of the service can stream them to the
/// browsers watching that draft (GET /api/forms/drafts/{id}/events) whichever instance took the edit.
/// </summary>
public sealed class DraftEvents(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<DraftEvents> logger)
{
    private readonly string prefix = configuration["Redis:KeyPrefix"] ?? "";

    public RedisChannel Channel(Guid draftId) => RedisChannel.Literal($"{prefix}forms:draft:{draftId:N}");

    /// <summary>Best effort: the database holds the truth, a missed event is caught up by the next load.</summary>
    public async Task PublishAsync(Guid draftId, object message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel(draftId), JsonSerializer.Serialize(message, JsonSerializerOptions.Web));
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not announce a change of draft {DraftId}", draftId);
        }
    }

    public ISubscriber Subscriber => redis.GetSubscriber();
}
