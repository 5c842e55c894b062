using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Identity;
using Municipal.Form.Data;
using Municipal.Testing;

namespace Municipal.Form.Tests;

/// <summary>What the outside probe found at the form service's edge to consultations (issue 13 items 1 and 7).</summary>
public sealed class RoomBoundaryTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Theory]
    [InlineData("tax-office")]
    [InlineData(null)]
    public async Task A_verification_made_for_another_department_fills_nothing(string? department)
    {
        var (room, token) = factory.Sessions.AddRoom("residents-office", "residence-registration", "Anna Muster", "anna@example.org");
        var resident = factory.CreateResidentClient(token);
        var opened = await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        var draftId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A clerk of tax-office recorded a "verified" identity on a residents-office room (or an event without one).
        var messageId = NewId.NextGuid();
        await factory.Services.GetRequiredService<IBus>().Publish(new IdentityVerified(Guid.NewGuid(), room.Id, "ID", "CHE", new DateOnly(2030, 1, 1),
            "FAELSCHER", "FRANZ", new DateOnly(1970, 1, 1), Guid.NewGuid(), DateTimeOffset.UtcNow, department), c => c.MessageId = messageId);
        await ProcessedAsync(messageId);

        var fields = (await resident.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{draftId}")).GetProperty("fields");
        Assert.False(fields.TryGetProperty("applicant.dateOfBirth", out _));
        Assert.Equal("Muster", fields.GetProperty("applicant.officialName").GetProperty("value").GetString());
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<FormDb>().ResidentProfiles.AnyAsync(p => p.SessionId == room.Id));
    }

    [Theory]
    [InlineData("ended")]
    [InlineData("cancelled")]
    public async Task An_ended_or_cancelled_consultations_token_opens_no_form(string status)
    {
        var (room, token) = factory.Sessions.AddRoom("residents-office", "residence-registration", status: status);
        var response = await factory.CreateResidentClient(token).PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_consultation_that_ends_while_the_resident_is_inside_opens_no_new_form()
    {
        var (room, token) = factory.Sessions.AddRoom("residents-office", "residence-registration");
        var resident = factory.CreateResidentClient(token);
        // The resident's page looks for an open form (that answer is cached briefly), then the clerk ends the room.
        Assert.Equal(HttpStatusCode.NoContent, (await resident.GetAsync("/api/forms/drafts/room")).StatusCode);
        factory.Sessions.Put(room with { Status = "ended" });
        var response = await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task After_the_end_the_consultations_form_is_neither_changed_nor_signed_nor_submitted()
    {
        // The probe (attack 2, item 7): the clerk ended the room, then resident and clerk still wrote, signed and
        // submitted its form, and a dossier was made in a consultation that was over.
        var (room, token) = factory.Sessions.AddRoom("residents-office", "residence-registration", status: "active");
        var resident = factory.CreateResidentClient(token);
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office", "residence-registration"));
        var opened = await resident.PostAsJsonAsync("/api/forms/drafts", new { definitionId = "residence-registration", sessionId = room.Id });
        var draftId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Residents.FillAsync(resident, draftId, Residents.Registration("anna@example.org"));
        factory.Sessions.Put(room with { Status = "ended" });

        var version = (await resident.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{draftId}")).GetProperty("fields").GetProperty("applicant.firstName").GetProperty("version").GetInt32();
        HttpResponseMessage[] refused =
        [
            await Residents.PatchAsync(resident, draftId, "applicant.firstName", "Changed after end", version),
            await Residents.PatchAsync(clerk, draftId, "applicant.officialName", "Changed", version),
            await resident.PutAsJsonAsync($"/api/forms/drafts/{draftId}", new { fields = new Dictionary<string, object> { ["landlord"] = new { value = "X AG", baseVersion = 1 } } }),
            await resident.PostAsJsonAsync($"/api/forms/drafts/{draftId}/signature", new { signature = Residents.DrawnSignature() }),
            await resident.PostAsJsonAsync($"/api/forms/drafts/{draftId}/tan", new { channel = "email" }),
            await resident.PostAsJsonAsync($"/api/forms/drafts/{draftId}/submit", new { signature = Residents.DrawnSignature() }),
            await clerk.PostAsJsonAsync($"/api/forms/drafts/{draftId}/submit", new { signature = Residents.DrawnSignature() }),
        ];
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Equal("consultation-closed-forms", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        // Still readable, unchanged, and no dossier came of it.
        var draft = await clerk.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{draftId}");
        Assert.Equal("Anna", draft.GetProperty("fields").GetProperty("applicant.firstName").GetProperty("value").GetString());
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<FormDb>().Dossiers.AnyAsync(d => d.SessionId == room.Id));
    }

    private async Task ProcessedAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var scope = factory.Services.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<FormDb>().InboxMessages.AnyAsync(m => m.MessageId == messageId)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The message was not consumed in time.");
            await Task.Delay(200);
        }
    }
}
