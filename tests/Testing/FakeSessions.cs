using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Municipal.Testing;

/// <summary>
/// A real HTTP server on a free loopback port standing in for the sessions service: it answers the two
/// room look-ups other services make (identity, document intake), for rooms and resident tokens the test registers.
/// </summary>
public sealed class FakeSessions : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, object> rooms = new();
    private readonly ConcurrentDictionary<string, Guid> residents = new();
    private WebApplication? app;

    public string Url { get; private set; } = "";

    /// <summary>Authorization headers the room look-up received, to prove the clerk's token is forwarded.</summary>
    public ConcurrentBag<string> ForwardedAuthorizations { get; } = [];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/api/sessions/rooms/current", (HttpRequest request) =>
            residents.TryGetValue(request.Headers["X-Resident-Token"].ToString(), out var id) && rooms.TryGetValue(id, out var room)
                ? Results.Json(room) : Results.Unauthorized());
        app.MapGet("/api/sessions/rooms/{id:guid}", (Guid id, HttpRequest request) =>
        {
            var authorization = request.Headers.Authorization.ToString();
            if (authorization.Length == 0) return Results.Unauthorized();
            ForwardedAuthorizations.Add(authorization);
            return rooms.TryGetValue(id, out var room) ? Results.Json(room) : Results.NotFound();
        });
        await app.StartAsync();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public Guid AddRoom(string departmentKey, string concernKey, string citizenName, string? birthDate = null)
    {
        var id = Guid.NewGuid();
        rooms[id] = new { id, departmentKey, concernKey, citizenName, citizenBirthDate = birthDate };
        return id;
    }

    public void AddResident(string token, Guid roomId) => residents[token] = roomId;

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
