using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults.Sessions;

namespace Municipal.Testing;

/// <summary>
/// The one stand-in for the sessions service's room look-ups, for services that call it through
/// <see cref="SessionsClient"/>: plug it in with
/// <c>services.AddHttpClient(SessionsClient.Name).ConfigurePrimaryHttpMessageHandler(() => fake)</c>. It answers with
/// the contract record <see cref="RoomView"/> itself and applies sessions' rule for staff (a valid internal token
/// whose holder may act for the room's department, else 403), so a test cannot pass on a shape or a permission the
/// real service would not give.
/// </summary>
public sealed class FakeSessions : HttpMessageHandler
{
    private readonly ConcurrentDictionary<Guid, RoomView> rooms = new();
    private readonly ConcurrentDictionary<string, Guid> residents = new();

    /// <summary>Authorization headers the staff look-up received, to prove the caller's own token is forwarded.</summary>
    public ConcurrentBag<string> ForwardedAuthorizations { get; } = [];

    /// <summary>How many look-ups arrived (both kinds).</summary>
    public int Calls => calls;

    private int calls;

    /// <summary>While true every look-up answers 503, as sessions does when it is down behind the gateway.</summary>
    public bool Down { get; set; }

    /// <summary>A new room with a fresh resident token, as booking and sessions would create it.</summary>
    public (RoomView Room, string Token) AddRoom(string departmentKey = "residents-office", string concernKey = "move",
        string citizenName = "Erika Muster", string? email = "erika@example.org", string language = "de", string status = "waiting")
    {
        // A walk-in's room has its ticket's id, as sessions opens it.
        var ticketId = Guid.NewGuid();
        var room = new RoomView(ticketId, concernKey, departmentKey, citizenName, email, language, null, ticketId, status, "write");
        var token = CapabilityToken.Create();
        Put(room, token);
        return (room, token);
    }

    /// <summary>Adds or replaces a room (e.g. to end it), optionally with a resident token that opens it.</summary>
    public void Put(RoomView room, string? residentToken = null)
    {
        rooms[room.Id] = room;
        if (residentToken is not null) residents[residentToken] = room.Id;
    }

    public RoomView Room(Guid id) => rooms[id];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        Interlocked.Increment(ref calls);
        if (Down) return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/api/sessions/rooms/current")
        {
            var token = request.Headers.TryGetValues(CapabilityToken.Header, out var values) ? values.First() : "";
            return residents.TryGetValue(token, out var id) && rooms.TryGetValue(id, out var room)
                ? Json(room) : Problem(HttpStatusCode.NotFound);
        }
        if (path.StartsWith("/api/sessions/rooms/", StringComparison.Ordinal) && Guid.TryParse(path["/api/sessions/rooms/".Length..], out var roomId))
        {
            var authorization = request.Headers.Authorization;
            if (authorization is not { Scheme: "Bearer", Parameter: { } raw }) return Problem(HttpStatusCode.Unauthorized);
            ForwardedAuthorizations.Add(authorization.ToString());
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(raw, InternalToken.ValidationParameters(Key));
            if (!result.IsValid) return Problem(HttpStatusCode.Unauthorized);
            var user = new ClaimsPrincipal(result.ClaimsIdentity);
            if (!rooms.TryGetValue(roomId, out var room)) return Problem(HttpStatusCode.NotFound);
            return user.CanActFor(room.DepartmentKey) ? Json(room) : Problem(HttpStatusCode.Forbidden);
        }
        return Problem(HttpStatusCode.NotFound);
    }

    private static readonly Microsoft.IdentityModel.Tokens.SymmetricSecurityKey Key = InternalToken.SigningKey(new ConfigurationBuilder()
        .AddInMemoryCollection([new("Auth:InternalKey", TestEnvironment.InternalKey)]).Build());

    private static HttpResponseMessage Json(RoomView room) => new(HttpStatusCode.OK) { Content = JsonContent.Create(room) };

    private static HttpResponseMessage Problem(HttpStatusCode status) =>
        new(status) { Content = JsonContent.Create(new { status = (int)status, title = status.ToString() }) };
}
