using System.Net;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>Issue 16 item 14: a clerk's "Öffnen" shows a PDF or picture in the browser instead of downloading it.</summary>
public sealed class ContentDispositionTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    [Fact]
    public async Task Pdfs_and_pictures_open_inline_with_nosniff_and_their_name()
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var submitted = await (await kiosk.PostAsync("/api/documents/kiosk/submissions",
            Files.Form(("files", "Mietvertrag.pdf", Files.Pdf("lease"), "application/pdf"), ("files", "Foto Ausweis.png", Files.Png, "image/png"))
                .With("concernKey", "move"))).SubmittedAsync();
        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        foreach (var document in submitted.Documents)
        {
            var response = await clerk.GetAsync($"/api/documents/{document.Id}/content");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal("inline", disposition.DispositionType);
            Assert.Equal(document.FileName, disposition.FileNameStar);
            Assert.Equal(document.ContentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }
}
