using Municipal.Form.Clients;
using Municipal.Form.Signing;
using Municipal.ServiceDefaults.Sessions;

namespace Municipal.Form.Apis;

/// <summary>What asking for a signing code needs beyond <see cref="SigningServices"/>: identity, and the room's address in a consultation.</summary>
public sealed record TanServices(
    IdentityTans Tans,
    SessionsClient Sessions,
    RoomDirectory Rooms,
    CodeLimits Limits,
    ILogger<SigningApi.TanRequest> Logger);
