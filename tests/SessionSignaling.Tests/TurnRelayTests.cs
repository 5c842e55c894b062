using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.SessionSignaling.Tests;

/// <summary>What the TURN relay hands out and whom it lets its relays reach.</summary>
public sealed class TurnRelayTests(SessionsFactory factory) : IClassFixture<SessionsFactory>
{
    [Fact]
    public async Task A_residents_turn_credential_ends_soon_after_their_token_and_never_after_two_hours()
    {
        var soon = await TicketRoomAsync(TimeSpan.FromMinutes(20));
        var later = await TicketRoomAsync(TimeSpan.FromHours(8));

        Assert.InRange(await CredentialExpiryAsync(factory.CreateResidentClient(soon.Token)),
            DateTimeOffset.UtcNow.AddMinutes(45), DateTimeOffset.UtcNow.AddMinutes(51));
        Assert.InRange(await CredentialExpiryAsync(factory.CreateResidentClient(later.Token)),
            DateTimeOffset.UtcNow.AddMinutes(115), DateTimeOffset.UtcNow.AddMinutes(121));
        Assert.InRange(await CredentialExpiryAsync(factory.CreateStaffClient(Staff.Clerk("residents-office", "move"))),
            DateTimeOffset.UtcNow.AddMinutes(115), DateTimeOffset.UtcNow.AddMinutes(121));
    }

    [Fact]
    public async Task The_token_of_an_ended_consultation_gets_no_turn_credential()
    {
        var room = await factory.IssueTicketAsync();
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "move"));
        (await clerk.PostAsJsonAsync("/api/sessions/rooms/accept", new { ticketId = room.TicketId })).EnsureSuccessStatusCode();
        var resident = factory.CreateResidentClient(room.Token);
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync("/api/sessions/ice-servers")).StatusCode);

        (await clerk.PostAsync($"/api/sessions/rooms/{room.Id}/end", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync("/api/sessions/ice-servers")).StatusCode);
    }

    [Theory]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("10.96.0.1")]
    [InlineData("172.20.0.10")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")] // carrier-grade NAT, often a cluster's pod network
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void The_kubernetes_relay_refuses_internal_peers(string address)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Municipal.sln"))) root = root.Parent;
        var yaml = File.ReadAllText(Path.Combine(root!.FullName, "deploy", "kubernetes", "coturn.yaml"));
        var ranges = Regex.Matches(yaml, @"--denied-peer-ip=([0-9a-fA-F:.]+)-([0-9a-fA-F:.]+)")
            .Select(m => (From: IPAddress.Parse(m.Groups[1].Value), To: IPAddress.Parse(m.Groups[2].Value)))
            .ToList();
        var ip = IPAddress.Parse(address);

        Assert.Contains(ranges, r => r.From.AddressFamily == ip.AddressFamily && Number(r.From) <= Number(ip) && Number(ip) <= Number(r.To));
    }

    private static BigInteger Number(IPAddress ip) => new(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private async Task<TestRoom> TicketRoomAsync(TimeSpan validFor)
    {
        var token = CapabilityToken.Create();
        var ticketId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await factory.PublishAsync(new QueueTicketIssued(ticketId, "move", "residents-office", "Erika Muster", null, "de", CapabilityToken.Hash(token), now, now + validFor));
        var room = await factory.WaitForRoomAsync(r => r.TicketId == ticketId);
        return new TestRoom(room.Id, token, ticketId, null);
    }

    private static async Task<DateTimeOffset> CredentialExpiryAsync(HttpClient client)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/sessions/ice-servers");
        var turn = body.GetProperty("iceServers").EnumerateArray().Single(s => s.TryGetProperty("username", out _));
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(turn.GetProperty("username").GetString()!.Split(':')[0]));
    }
}
