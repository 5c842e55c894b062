using StackExchange.Redis;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// The open question "shall we switch to a call?" of each room, across all signaling instances (a Redis key per room
/// naming who asked). An answer is taken only from the other side of an open question, once: without it, a resident
/// (or an invited guest) sending an unasked "yes" made the clerk's page open its camera and microphone and call them.
/// </summary>
public sealed class ModeQuestions(IConnectionMultiplexer redis, IConfiguration configuration)
{
    // A question nobody answers stops counting after a while; the page asks again when someone joins.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly string prefix = configuration["Redis:KeyPrefix"] ?? "";

    // The answer counts if a question is open and the answering side is not the side that asked; it closes the question.
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local asker = redis.call('GET', @question)
        if asker and asker ~= @answerer then
          redis.call('DEL', @question)
          return 1
        end
        return 0
        """);

    private RedisKey KeyOf(Guid roomId) => $"{prefix}sessions:mode-question:{roomId:N}";

    /// <summary>Records that <paramref name="side"/> asked; asking again replaces the question.</summary>
    public Task AskAsync(Guid roomId, string side) => redis.GetDatabase().StringSetAsync(KeyOf(roomId), side, Lifetime);

    /// <summary>True if <paramref name="side"/> answers an open question of the other side; the question is then closed.</summary>
    public async Task<bool> TakeAnswerAsync(Guid roomId, string side) =>
        (int)await redis.GetDatabase().ScriptEvaluateAsync(Take, new { question = KeyOf(roomId), answerer = side }) == 1;

    /// <summary>
    /// The two sides of a call: the resident, and the clerk who holds the room. An invited colleague (also a clerk by
    /// role, but without the room) or an interpreter neither asks nor answers: calls are one-to-one.
    /// </summary>
    public static readonly string[] Sides = [Model.ParticipantRoles.Resident, Model.ParticipantRoles.Clerk];

    public static string? SideOf(Participant participant) => participant switch
    {
        { Role: Model.ParticipantRoles.Resident } => Model.ParticipantRoles.Resident,
        { Role: Model.ParticipantRoles.Clerk, StaffId: not null } => Model.ParticipantRoles.Clerk,
        _ => null,
    };
}
