using System.Net;
using System.Net.Http.Json;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>An ended or cancelled consultation's link hands in nothing more (issue 13 item 7), but still shows what it handed in.</summary>
public class ClosedConsultationTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    [Theory]
    [InlineData("ended")]
    [InlineData("cancelled")]
    public async Task A_closed_consultations_token_uploads_nothing(string status)
    {
        var (token, _) = await factory.Tokens.NewRoomAsync(status: status);
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "nachgereicht.pdf", Files.Pdf("late"), "application/pdf")).With("channel", "session"));
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task After_the_end_the_resident_still_sees_what_was_handed_in()
    {
        var (token, roomId) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);
        await (await resident.PostAsync("/api/documents/uploads",
            Files.Form(("files", "Mietvertrag.pdf", Files.Pdf("lease"), "application/pdf")).With("channel", "session"))).SubmittedAsync();

        await factory.Tokens.Feed.EndAsync(roomId);
        Assert.Single((await resident.GetFromJsonAsync<List<SubmittedDoc>>($"/api/documents/sessions/{roomId}"))!);
        var late = await resident.PostAsync("/api/documents/uploads", Files.Form(("files", "b.pdf", Files.Pdf("b"), "application/pdf")));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }
}
