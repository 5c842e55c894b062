using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Sessions;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

/// <summary>
/// The identity service in-process, with a movable clock, the shared stand-in for sessions' staff look-ups, and
/// residents' links fed by events on its own bus (<see cref="ResidentLinkFeed"/>).
/// </summary>
public class IdentityFactory : ServiceFactory<Program>
{
    public IdentityFactory() : base("identitydb")
    {
    }

    public TestClock Time { get; } = new(DateTimeOffset.UtcNow);

    public FakeSessions Sessions { get; } = new();

    public ResidentLinkFeed Links => new(Services);

    /// <summary>
    /// A consultation as sessions describes it to staff (the stand-in) and as identity learnt its resident's link from
    /// the events: a walk-in ticket, or a booked and cancelled appointment for "cancelled"; "ended" ends it.
    /// </summary>
    public async Task<(RoomView Room, string Token)> AddRoomAsync(string departmentKey = "residents-office", string concernKey = "move",
        string citizenName = "Erika Muster", string? email = "erika@example.org", string status = "waiting")
    {
        var (roomId, token) = status == "cancelled"
            ? await Links.AppointmentAsync(departmentKey, concernKey, citizenName, email!)
            : await Links.TicketAsync(departmentKey, concernKey, citizenName, email);
        if (status == "ended") await Links.EndAsync(roomId, departmentKey, concernKey);
        if (status == "cancelled") await Links.CancelAsync(roomId, departmentKey, concernKey);
        var room = new RoomView(roomId, concernKey, departmentKey, citizenName, email, "de", null, roomId, status, "write");
        Sessions.Put(room, token);
        return (room, token);
    }

    /// <summary>
    /// A running consultation (sessions' stand-in) held by <paramref name="clerk"/>, its video call running (mode
    /// "speak") and the clerk's page receiving the resident's picture: where an identity check opens.
    /// </summary>
    public RoomView HeldRoom(StaffIdentity clerk, string departmentKey = "residents-office", string concernKey = "move", string citizenName = "Erika Muster")
    {
        var (room, _) = Sessions.AddRoom(departmentKey, concernKey, citizenName, status: "active");
        room = room with { StaffId = clerk.Id, Mode = "speak", PictureArrives = true };
        Sessions.Put(room);
        return room;
    }

    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        new("Identity:DocumentNumberKey", "identity-test-key-that-is-long-enough-0123456789"),
        new("services:sessions:http:0", "http://sessions.test"),
        new("Identity:StillRetentionDays", "30"),
        // Generous for a loaded CI host; the stand-in answers at once when the host is idle.
        new("Identity:SessionsTimeoutSeconds", "30"),
        // An unknown link is refused at once here (documents' tests cover the grace).
        new("ResidentLinks:GraceSeconds", "0"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddHttpClient(SessionsClient.Name).ConfigurePrimaryHttpMessageHandler(() => Sessions);
        });
    }
}
