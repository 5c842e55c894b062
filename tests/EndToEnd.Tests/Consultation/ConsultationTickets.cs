using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>A resident's queue ticket: its id (for the clerk) and token (for the resident's room link).</summary>
public sealed record ConsultationTicket(Guid TicketId, string Token);

public static class ConsultationTickets
{
    /// <summary>
    /// Takes a ticket the way a resident does (POST /api/booking/queue). Outside opening hours the counter is
    /// closed; then the ticket is issued the way booking would issue it, by publishing QueueTicketIssued.
    /// </summary>
    public static async Task<ConsultationTicket> TakeAsync(string name, string concern = "move", string? email = null, string department = "residents-office", string language = "de")
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var response = await http.PostAsJsonAsync("/api/booking/queue", new { concernKey = concern, name, email, language });
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var ticket = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new ConsultationTicket(ticket.GetProperty("ticketId").GetGuid(), ticket.GetProperty("token").GetString()!);
        }
        return await PublishAsync(name, concern, email, department, language);
    }

    private static async Task<ConsultationTicket> PublishAsync(string name, string concern, string? email, string department, string language)
    {
        var token = CapabilityToken.Create();
        var ticketId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await TestBus.PublishAsync([new QueueTicketIssued(ticketId, concern, department, name, email, language, CapabilityToken.Hash(token), now, now.AddHours(2))]);
        return new ConsultationTicket(ticketId, token);
    }
}
