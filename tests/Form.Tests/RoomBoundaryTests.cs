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
