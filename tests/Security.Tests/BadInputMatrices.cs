extern alias booking;
extern alias sessions;
extern alias identity;
extern alias forms;
extern alias documents;

using System.Net.Http.Json;
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

public sealed class SessionsBadInput(SessionsService service) : BadInputMatrix<sessions::Program>(service, "sessions"), IClassFixture<SessionsService>;

public sealed class IdentityBadInput(IdentityService service) : BadInputMatrix<identity::Program>(service, "identity"), IClassFixture<IdentityService>;

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

public sealed class DocumentsBadInput(DocumentsService service) : BadInputMatrix<documents::Program>(service, "documents"), IClassFixture<DocumentsService>;
