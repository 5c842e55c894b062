using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Form.Data;
using Municipal.Form.Model;
using Municipal.Testing;

namespace Municipal.Form.Tests;

/// <summary>
/// A consultation's forms travel with its room (issue 16 item 2): after a transfer the receiving clerk, also of another
/// department, sees the draft or the dossier it became and continues it; a third department sees nothing; a form
/// submitted once in a consultation never becomes a second dossier. Sessions' answer decides who holds the room: the
/// stand-in moves the room to the receiving department as the real transfer does.
/// </summary>
public sealed class TransferredCaseTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Fact]
    public async Task After_a_transfer_to_another_department_the_clerk_there_sees_the_dossier_and_opening_the_form_makes_no_second_one()
    {
        var (room, roomToken) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Anna Muster", "anna@example.org", status: "active");
        var first = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));
        var opened = await first.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var draftId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var resident = factory.CreateResidentClient(roomToken);
        await Residents.FillAsync(resident, draftId, Residents.Registration("anna@example.org"));
        var submitted = await resident.PostAsJsonAsync($"/api/forms/drafts/{draftId}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();

        // The clerk transfers the room to the tax office; a tax clerk accepts it.
        factory.Sessions.Put(room with { DepartmentKey = "tax-office" });
        var second = factory.CreateStaffClient(Staff.Clerk("tax-office", "tax-enquiry"));

        var forms = await second.GetFromJsonAsync<JsonElement>($"/api/forms/sessions/{room.Id}");
        var only = Assert.Single(forms.GetProperty("drafts").EnumerateArray());
        Assert.Equal(draftId, only.GetProperty("id").GetGuid());
        Assert.Equal("submitted", only.GetProperty("status").GetString());
        Assert.Equal(reference, only.GetProperty("dossier").GetProperty("reference").GetString());
        Assert.Equal("received", only.GetProperty("dossier").GetProperty("status").GetString());

        // Opening the form again, by the new clerk or by the resident, shows the dossier it became.
        var again = await second.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var shown = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(draftId, shown.GetProperty("id").GetGuid());
        Assert.Equal("submitted", shown.GetProperty("status").GetString());
        Assert.Equal(reference, shown.GetProperty("dossier").GetProperty("reference").GetString());
        Assert.Equal("Muster", shown.GetProperty("fields").GetProperty("applicant.officialName").GetProperty("value").GetString());
        var residentAgain = await (await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(draftId, residentAgain.GetProperty("id").GetGuid());
        var onPage = await resident.GetFromJsonAsync<JsonElement>("/api/forms/drafts/room");
        Assert.Equal(reference, onPage.GetProperty("dossier").GetProperty("reference").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await resident.PostAsJsonAsync($"/api/forms/drafts/{draftId}/submit", new { signature = Residents.DrawnSignature() })).StatusCode);

        using var scope = factory.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<FormDb>().Dossiers.CountAsync(d => d.SessionId == room.Id));

        // A clerk of a third department learns nothing of this consultation.
        var third = factory.CreateStaffClient(Staff.Clerk("building-office"));
        Assert.Equal(HttpStatusCode.Forbidden, (await third.GetAsync($"/api/forms/sessions/{room.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/api/forms/drafts/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await third.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id })).StatusCode);
    }

    [Fact]
    public async Task An_open_draft_is_continued_by_the_receiving_department_and_the_sending_one_only_reads_it()
    {
        var (room, _) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Anna Muster", "anna@example.org", status: "active");
        var first = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));
        var draft = await (await first.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var draftId = draft.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(first, draftId, "landlord", "Immo AG", 0)).StatusCode);

        factory.Sessions.Put(room with { DepartmentKey = "tax-office" });
        var second = factory.CreateStaffClient(Staff.Clerk("tax-office", "tax-enquiry"));

        var continued = await second.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.OK, continued.StatusCode);
        var view = await continued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(draftId, view.GetProperty("id").GetGuid());
        Assert.Equal("Immo AG", view.GetProperty("fields").GetProperty("landlord").GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Residents.PatchAsync(second, draftId, "landlord", "Stadtwohnungen AG", 1)).StatusCode);
        var listed = await second.GetFromJsonAsync<JsonElement>($"/api/forms/sessions/{room.Id}");
        Assert.Equal("open", Assert.Single(listed.GetProperty("drafts").EnumerateArray()).GetProperty("status").GetString());

        // The sending clerk still reads what the department recorded, but no longer writes into the transferred case.
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/api/forms/drafts/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Residents.PatchAsync(first, draftId, "landlord", "Andere AG", 2)).StatusCode);
        var mine = await first.GetFromJsonAsync<JsonElement>($"/api/forms/sessions/{room.Id}");
        Assert.Equal(draftId, Assert.Single(mine.GetProperty("drafts").EnumerateArray()).GetProperty("id").GetGuid());
        // The tax clerk may open this room's form only; no other department's form comes with the room.
        Assert.Equal(HttpStatusCode.Forbidden, (await second.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "dog-registration", sessionId = room.Id })).StatusCode);
    }

    [Fact]
    public async Task A_second_draft_of_a_form_already_submitted_in_the_consultation_is_refused_at_submission()
    {
        var (room, roomToken) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Anna Muster", "anna@example.org", status: "active");
        var resident = factory.CreateResidentClient(roomToken);
        var draftId = (await (await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Residents.FillAsync(resident, draftId, Residents.Registration("anna@example.org"));
        Assert.Equal(HttpStatusCode.OK, (await resident.PostAsJsonAsync($"/api/forms/drafts/{draftId}/submit", new { signature = Residents.DrawnSignature() })).StatusCode);

        // A second draft of the same form, as the bug of issue 16 left behind in a consultation: same content, still open.
        var copyId = Guid.CreateVersion7();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FormDb>();
            var original = await db.Drafts.AsNoTracking().Include(d => d.Fields).SingleAsync(d => d.Id == draftId);
            db.Drafts.Add(new Draft
            {
                Id = copyId, DefinitionId = original.DefinitionId, DefinitionVersion = original.DefinitionVersion, ConcernKey = original.ConcernKey,
                DepartmentKey = original.DepartmentKey, SessionId = room.Id, ExpiresAt = original.ExpiresAt, Language = original.Language,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                Fields = original.Fields.Select(f => new DraftField { Field = f.Field, Value = f.Value, Version = 1, UpdatedBy = "resident", UpdatedAt = DateTimeOffset.UtcNow }).ToList(),
            });
            await db.SaveChangesAsync();
        }

        var second = await resident.PostAsJsonAsync($"/api/forms/drafts/{copyId}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        using var check = factory.Services.CreateScope();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<FormDb>().Dossiers.CountAsync(d => d.SessionId == room.Id));
    }
}
