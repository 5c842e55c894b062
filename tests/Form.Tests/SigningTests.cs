using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.Form.Tests;

public sealed class SigningTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Fact]
    public async Task A_change_after_signing_invalidates_the_signature()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        var hash = before.GetProperty("contentSha256").GetString();

        var signed = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = Residents.DrawnSignature(), contentSha256 = hash });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(hash, (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contentSha256").GetString());

        var version = before.GetProperty("fields").GetProperty("landlord").GetProperty("version").GetInt32();
        var change = await Residents.PatchAsync(client, id, "landlord", "Andere Verwaltung AG", version);
        Assert.True((await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signatureInvalidated").GetBoolean());

        var after = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        Assert.False(after.TryGetProperty("signature", out _));
        Assert.True(after.GetProperty("signatureInvalidated").GetBoolean());
        Assert.NotEqual(hash, after.GetProperty("contentSha256").GetString());

        var submit = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.Conflict, submit.StatusCode);
        // A signature over the content the resident saw before the change is refused as well.
        var late = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature(), contentSha256 = hash });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Submitting_prints_a_pdf_with_the_data_hands_it_to_document_intake_and_mails_the_status_link()
    {
        var email = Mailbox.UniqueAddress();
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(email));

        var response = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var submitted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reference = submitted.GetProperty("reference").GetString()!;
        var hash = submitted.GetProperty("contentSha256").GetString()!;
        Assert.Matches("^F-[0-9]{4}-[A-Z2-9]{6}$", reference);

        // Submitted once: further edits and a second submission are refused.
        Assert.Equal(HttpStatusCode.Conflict, (await Residents.PatchAsync(client, id, "phone", "+41 52 000 00 00", 0)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() })).StatusCode);

        // The resident follows the dossier with the token from the answer.
        var dossier = await factory.CreateResidentClient(submitted.GetProperty("statusToken").GetString()!).GetFromJsonAsync<JsonElement>("/api/forms/dossiers/mine");
        Assert.Equal("received", dossier.GetProperty("status").GetString());
        Assert.Equal(reference, dossier.GetProperty("reference").GetString());

        // Document intake receives the PDF from the FormSubmitted consumer, with a service token.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        FakeNeighbours.ReceivedFile? file;
        while ((file = factory.Neighbours.Files.FirstOrDefault(f => f.FileName == reference + ".pdf")) is null && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.NotNull(file);
        Assert.Equal("residents-office", file.Fields["departmentKey"]);
        Assert.Equal("residence-registration", file.Fields["concernKey"]);
        Assert.Equal("form", file.Fields["channel"]);
        Assert.Equal(submitted.GetProperty("dossierId").GetString(), file.Fields["dossierId"]);
        Assert.StartsWith("Bearer ", file.Authorization);

        var text = PdfText(file.Content);
        Assert.Contains("Anmeldung des Wohnsitzes", text);
        Assert.Contains(reference, text);
        Assert.Contains("Marktgasse", text);
        Assert.Contains("Stadtwohnungen AG", text);
        Assert.Contains("17.05.1990", text);
        Assert.Contains(hash[..32], text.Replace("\n", "").Replace(" ", ""));

        var mail = (await Mailbox.WaitForAsync(email)).Single();
        Assert.Contains(reference, mail.Subject);
        Assert.Contains("eingegangen", mail.Subject);
        Assert.Matches("/dossier\\.html#t=[A-Za-z0-9_-]{43}", mail.TextBody);
    }

    [Fact]
    public async Task A_tan_signature_is_verified_by_identity_for_the_exact_content()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var hash = (await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}")).GetProperty("contentSha256").GetString()!;

        var tanId = Guid.NewGuid();
        factory.Neighbours.Tans[tanId] = ("482913", hash);
        var wrong = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId, code = "000000" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("signature.code", out _));

        factory.Neighbours.Tans[tanId] = ("482913", hash);
        var right = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature", new { signature = new { kind = "tan", tanId, code = "482913" } });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("tan", (await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}")).GetProperty("signature").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_incomplete_form_or_a_fake_picture_cannot_be_signed()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        var incomplete = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/submit", new { signature = Residents.DrawnSignature() });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.True((await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("moveInDate", out _));

        await Residents.FillAsync(client, id, Residents.Registration(Mailbox.UniqueAddress()));
        var notPng = await client.PostAsJsonAsync($"/api/forms/drafts/{id}/signature",
            new { signature = new { kind = "drawn", image = "data:image/png;base64,SGVsbG8=", strokes = new[] { new[] { new[] { 1, 1 }, new[] { 2, 2 } } } } });
        Assert.True((await notPng.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("signature.image", out _));
    }

    private static string PdfText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("pdftotext (poppler-utils) is needed to read the PDF.");
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
