extern alias booking;
extern alias sessions;
extern alias identity;
extern alias forms;
extern alias documents;

using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Municipal.Security.Tests;

public sealed class BookingBadInput(BookingService service) : BadInputMatrix<booking::Program>(service, "booking"), IClassFixture<BookingService>
{
    protected override string RouteValue(string parameter) => parameter == "key" ? "move" : "x";

    /// <summary>A real appointment (its manage token) and a queue ticket, and a bookable start for every body.</summary>
    protected override async Task<IReadOnlyList<ResidentAccess>> ResidentAccessAsync(HttpClient anonymous)
    {
        var access = new List<ResidentAccess>();
        var slots = await anonymous.GetFromJsonAsync<JsonElement>("/api/booking/concerns/move/slots");
        var free = slots.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();
        Assert.True(free.Count >= 2, "The demo city has no free slots for 'move' in the next two weeks.");
        BodyValues["start"] = free[1];
        var booked = await anonymous.PostAsJsonAsync("/api/booking/appointments",
            new { concernKey = "move", start = free[0], name = "Erika Muster", email = "matrix@example.org", language = "de" });
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        access.Add(new("/api/booking/appointments/mine", (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("manageToken").GetString()!));
        // The queue is open only in office hours: outside them there is no ticket to hold.
        var ticket = await anonymous.PostAsJsonAsync("/api/booking/queue", new { concernKey = "move", name = "Erika Muster", language = "de" });
        if (ticket.IsSuccessStatusCode)
        {
            access.Add(new("/api/booking/queue/tickets/mine", (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!));
        }
        return access;
    }
}

public sealed class SessionsBadInput(SessionsService service) : BadInputMatrix<sessions::Program>(service, "sessions"), IClassFixture<SessionsService>
{
    /// <summary>A real room, opened the way booking opens one: QueueTicketIssued over RabbitMQ with the token's hash.</summary>
    protected override async Task<IReadOnlyList<ResidentAccess>> ResidentAccessAsync(HttpClient anonymous)
    {
        var token = CapabilityToken.Create();
        var now = DateTimeOffset.UtcNow;
        var bus = service.Services.GetRequiredService<IBusControl>();
        Assert.Equal(BusHealthStatus.Healthy, await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60)));
        await bus.Publish(new QueueTicketIssued(Guid.NewGuid(), "move", "residents-office", "Erika Muster", "matrix@example.org", "de",
            CapabilityToken.Hash(token), now, now.AddHours(2)));
        var resident = Client(token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await resident.GetAsync("/api/sessions/rooms/current")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The room for the published ticket did not open.");
            await Task.Delay(200);
        }
        return [new("/api/sessions/", token)];
    }

    private HttpClient Client(string token)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add("X-Resident-Token", token);
        return client;
    }
}

public sealed class IdentityBadInput(IdentityService service) : BadInputMatrix<identity::Program>(service, "identity"), IClassFixture<IdentityService>
{
    /// <summary>A resident of an open room (a link identity learnt from booking's event) and a TAN they requested.</summary>
    protected override async Task<IReadOnlyList<ResidentAccess>> ResidentAccessAsync(HttpClient anonymous)
    {
        var (_, token) = await new ResidentLinkFeed(service.Services).TicketAsync("residents-office", "move", "Erika Muster", "matrix@example.org");
        var resident = service.CreateResidentClient(token);
        var issued = await resident.PostAsJsonAsync("/api/identity/tans",
            new { contentSha256 = new string('a', 64), purpose = "Matrix", recipient = "matrix@example.org", channel = "email", language = "de" });
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        var id = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid().ToString();
        return [new("/api/identity/tans", token, new Dictionary<string, string> { ["id"] = id })];
    }
}

public sealed class FormsBadInput(FormsService service) : BadInputMatrix<forms::Program>(service, "forms"), IClassFixture<FormsService>
{
    protected override string RouteValue(string parameter) => parameter is "definitionId" or "key" ? "dog-registration" : "x";

    /// <summary>A draft of the resident's own (its token and id), so draft endpoints reach their handlers.</summary>
    protected override async Task<IReadOnlyList<ResidentAccess>> ResidentAccessAsync(HttpClient anonymous)
    {
        var response = await anonymous.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid().ToString();
        return [new("/api/forms/drafts", draft.GetProperty("token").GetString()!, new Dictionary<string, string> { ["id"] = id, ["draftId"] = id })];
    }
}

public sealed class DocumentsBadInput(DocumentsService service) : BadInputMatrix<documents::Program>(service, "documents"), IClassFixture<DocumentsService>
{
    /// <summary>A resident of an open room (a link document intake learnt from booking's event): uploads go to that room.</summary>
    protected override async Task<IReadOnlyList<ResidentAccess>> ResidentAccessAsync(HttpClient anonymous)
    {
        var (roomId, token) = await new ResidentLinkFeed(service.Services).TicketAsync("residents-office", "move", "Erika Muster");
        return [new("/api/documents/", token, new Dictionary<string, string> { ["sessionId"] = roomId.ToString() })];
    }
}
