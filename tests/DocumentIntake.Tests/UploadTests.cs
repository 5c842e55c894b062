using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Http.Json;
using Municipal.ServiceDefaults.Auth;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

public class UploadTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    private HttpClient Clerk(string department = "residents-office") => factory.CreateStaffClient(Staff.Clerk(department));

    [Fact]
    public async Task A_resident_uploads_from_a_consultation_and_both_sides_see_the_files()
    {
        var (token, roomId) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);
        var form = Files.Form(("files", "Mietvertrag.pdf", Files.Pdf("lease"), "application/pdf"), ("files", "ausweis.jpg", Files.Page1, "image/jpeg"))
            .With("channel", "session");
        var result = await (await resident.PostAsync("/api/documents/uploads", form)).SubmittedAsync();

        Assert.All(result.Documents, d => Assert.Equal("clean", d.Status));
        Assert.Equal(["Mietvertrag.pdf", "ausweis.jpg"], result.Documents.Select(d => d.FileName));

        var forResident = await resident.GetFromJsonAsync<List<SubmittedDoc>>($"/api/documents/sessions/{roomId}");
        Assert.Equal(2, forResident!.Count);
        var forClerk = await Clerk().GetFromJsonAsync<List<InboxDoc>>($"/api/documents/sessions/{roomId}");
        Assert.All(forClerk!, d => Assert.Equal(("session", roomId, "residents-office"), (d.Channel, d.SessionId, d.DepartmentKey)));
        // A clerk of another department is refused, as forms and identity refuse them, once sessions knows the room.
        factory.StaffLookups.Put(new Contracts.Sessions.RoomView(roomId, "move", "residents-office", "Erika Muster", null, "de", null, roomId, "waiting", "write"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Clerk("tax-office").GetAsync($"/api/documents/sessions/{roomId}")).StatusCode);
        Assert.Equal(2, (await Clerk().GetFromJsonAsync<List<InboxDoc>>($"/api/documents/sessions/{roomId}"))!.Count);

        // Another resident's token does not open this consultation.
        var (other, _) = await factory.Tokens.NewRoomAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateResidentClient(other).GetAsync($"/api/documents/sessions/{roomId}")).StatusCode);
        Assert.Equal(2, (await resident.GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!.Count);
    }

    [Fact]
    public async Task A_dossier_link_uploads_when_sessions_does_not_know_the_token_and_unknown_tokens_are_refused()
    {
        var (token, dossierId) = await factory.Tokens.NewDossierAsync();
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "beleg.pdf", Files.Pdf("receipt"), null)))).SubmittedAsync();
        var document = await Clerk("tax-office").GetFromJsonAsync<InboxDoc>($"/api/documents/{result.Documents[0].Id}");
        Assert.Equal(("upload", dossierId, "tax-office"), (document!.Channel, document.DossierId, document.DepartmentKey));

        var unknown = factory.CreateResidentClient(Municipal.ServiceDefaults.Security.CapabilityToken.Create());
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.PostAsync("/api/documents/uploads", Files.Form(("files", "a.pdf", Files.Pdf(), null)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsync("/api/documents/uploads", Files.Form(("files", "a.pdf", Files.Pdf(), null)))).StatusCode);
    }

    /// <summary>
    /// The reader fills pieces of 256 KiB before it writes, hashes and scans them: a file that ends exactly on a
    /// piece's edge, one byte after it or one byte before the next is stored whole, with the right length and hash.
    /// </summary>
    [Theory]
    [InlineData(Uploads.UploadReader.PieceSize)]
    [InlineData(Uploads.UploadReader.PieceSize + 1)]
    [InlineData(2 * Uploads.UploadReader.PieceSize - 1)]
    [InlineData(3 * Uploads.UploadReader.PieceSize)]
    public async Task A_file_ending_at_or_beside_a_piece_edge_is_stored_whole(int length)
    {
        var content = Files.PdfOfLength(length);
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "gross.pdf", content, "application/pdf")))).SubmittedAsync();

        var stored = Assert.Single(result.Documents);
        Assert.Equal(("clean", (long)length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))),
            (stored.Status, stored.Length, stored.Sha256));
        Assert.Equal(content, await Clerk().GetByteArrayAsync($"/api/documents/{stored.Id}/content"));
    }

    [Fact]
    public async Task The_eicar_test_file_is_quarantined_and_cannot_be_opened()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "eicar.pdf", Files.Eicar, "application/pdf")))).SubmittedAsync();

        var quarantined = Assert.Single(result.Documents);
        Assert.Equal("quarantined", quarantined.Status);
        var inbox = await Clerk().GetFromJsonAsync<InboxDoc>($"/api/documents/{quarantined.Id}");
        Assert.StartsWith("Eicar-Test-Signature", inbox!.Signature);
        var content = await Clerk().GetAsync($"/api/documents/{quarantined.Id}/content");
        Assert.Equal(HttpStatusCode.Conflict, content.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await factory.CreateStaffClient(Staff.Admin()).GetAsync($"/api/documents/{quarantined.Id}/content")).StatusCode);
    }

    [Theory]
    [InlineData("scan.pdf", "image/png", "mislabelled")]
    [InlineData("scan.png", "application/pdf", "mislabelled")]
    [InlineData("scan.exe", null, "mislabelled")]
    [InlineData("notes.txt", "text/plain", "unsupported")]
    public async Task Mislabelled_and_unsupported_files_are_refused_naming_the_file(string name, string? type, string reason)
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var content = reason == "unsupported" ? "plain text"u8.ToArray() : Files.Png;
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "ok.pdf", Files.Pdf(), null), ("files", name, content, type)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (errors, reasons) = await response.ProblemAsync();
        Assert.Equal(["files[1]"], errors.Keys);
        Assert.Equal(reason, reasons["files[1]"]);
        // Nothing of the request was kept.
        Assert.Empty((await factory.CreateResidentClient(token).GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.StoragePath, "incoming")));
    }

    [Fact]
    public async Task A_polyglot_image_is_refused()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var polyglot = Files.Concat(Files.Png[..^12], "%PDF-1.4 1 0 obj"u8.ToArray(), Files.Png[^12..]);
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Files.Form(("files", "bild.png", polyglot, "image/png")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("polyglot", (await response.ProblemAsync()).Reasons["files[0]"]);
    }

    /// <summary>
    /// The outside probe's PDFs were stored as clean and served inline to staff: JavaScript in a compressed object
    /// stream, a remote go-to (a UNC path), a form sent elsewhere, Flash content, an encrypted file. Each is refused now
    /// naming the file, and nothing of the request is kept.
    /// </summary>
    [Theory]
    [InlineData("probe-js-objstm.pdf", "polyglot")]
    [InlineData("probe-launch-gotor.pdf", "polyglot")]
    [InlineData("probe-submitform.pdf", "polyglot")]
    [InlineData("probe-richmedia.pdf", "polyglot")]
    [InlineData("probe-encrypted.pdf", "encrypted")]
    public async Task A_pdf_that_acts_or_hides_is_refused_naming_the_file(string asset, string reason)
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "antrag.pdf", Files.Asset("chromium-print.pdf"), "application/pdf"), ("files", "beilage.pdf", Files.Asset(asset), "application/pdf")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (errors, reasons) = await response.ProblemAsync();
        Assert.Equal(["files[1]"], errors.Keys);
        Assert.Equal(reason, reasons["files[1]"]);
        Assert.Empty((await factory.CreateResidentClient(token).GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!);
    }

    /// <summary>
    /// Image bombs: a 74-byte PNG stating 100000×100000 and one of 20000×20000 (1.6 GB in a browser) were stored as clean
    /// and shown inline to staff (outside probe); a TIFF's later page counts as much as its first.
    /// </summary>
    [Fact]
    public async Task An_image_stating_more_pixels_than_allowed_is_refused_with_the_limit()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        foreach (var (name, image) in new[] { ("huge.png", Files.Asset("probe-huge.png")), ("bomb.png", Images.Png(20000, 20000)), ("scan.tif", Images.Tiff((800, 600), (20000, 20000))) })
        {
            var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
                Files.Form(("files", "ok.png", Images.Png(10000, 10000), "image/png"), ("files", name, image, null)));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal("too-many-pixels", problem.GetProperty("reasons").GetProperty("files[1]").GetString());
            Assert.Equal(100, problem.GetProperty("reasonArgs").GetProperty("files[1]").GetProperty("max").GetInt32());
        }
        Assert.Empty((await factory.CreateResidentClient(token).GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!);
        var scan = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "scan.tif", Images.Tiff((2480, 3508), (3508, 2480)), "image/tiff")))).SubmittedAsync();
        Assert.Equal("clean", Assert.Single(scan.Documents).Status);
    }

    /// <summary>What the city's own forms service prints (Chromium) and a letter with a web link are taken as they are.</summary>
    [Fact]
    public async Task A_printed_form_and_a_pdf_with_a_link_are_accepted()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "antrag.pdf", Files.Asset("chromium-print.pdf"), "application/pdf"), ("files", "brief.pdf", Files.Asset("probe-uri.pdf"), null)))).SubmittedAsync();
        Assert.All(result.Documents, d => Assert.Equal("clean", d.Status));
    }

    [Fact]
    public async Task A_path_traversal_name_is_stored_by_id_and_shown_sanitised()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "../../../../tmp/evil\u202E.png", Files.Png, "image/png")))).SubmittedAsync();

        var document = Assert.Single(result.Documents);
        Assert.Equal("evil.png", document.FileName);
        var stored = Directory.EnumerateFiles(factory.StoragePath, "*", SearchOption.AllDirectories).Where(f => !f.Contains("incoming")).ToList();
        Assert.Contains(stored, f => Path.GetFileName(f) == document.Id!.Value.ToString("N"));
        Assert.DoesNotContain(stored, f => f.Contains("evil"));
        Assert.False(File.Exists("/tmp/evil.png"));
    }

    [Fact]
    public async Task Duplicates_within_a_submission_are_reported_and_stored_once()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "a.jpg", Files.Page1, null), ("files", "b.jpg", Files.Page2, null), ("files", "a-again.jpg", Files.Page1, null)))).SubmittedAsync();

        Assert.Equal(2, result.Documents.Count(d => d.Id is not null));
        var duplicate = Assert.Single(result.Documents, d => d.Status == "duplicate");
        Assert.Equal("a-again.jpg", duplicate.FileName);
        Assert.Equal(result.Documents.Single(d => d.FileName == "a.jpg").Id, duplicate.DuplicateOf);
    }

    [Fact]
    public async Task Too_many_files_are_refused()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var files = Enumerable.Range(0, 21).Select(i => ("files", $"f{i}.pdf", Files.Pdf($"n{i}"), (string?)null)).ToArray();
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Files.Form(files));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("too-many-files", (await response.ProblemAsync()).Reasons["files"]);
    }

    [Fact]
    public async Task Another_service_hands_in_a_pdf_for_a_named_department()
    {
        var service = factory.CreateClient();
        service.DefaultRequestHeaders.Authorization = new("Bearer", InternalToken.IssueForService(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection([new("Auth:InternalKey", TestEnvironment.InternalKey)]).Build(), "forms"));
        var dossier = Guid.NewGuid();
        var form = Files.Form(("file", "submission.pdf", Files.Pdf("form"), "application/pdf"))
            .With("departmentKey", "tax-office").With("concernKey", "tax-return").With("dossierId", dossier.ToString());
        var result = await (await service.PostAsync("/api/documents/internal/files", form)).SubmittedAsync();
        var document = await Clerk("tax-office").GetFromJsonAsync<InboxDoc>($"/api/documents/{result.Documents[0].Id}");
        Assert.Equal(("forms", dossier, "tax-office"), (document!.Channel, document.DossierId, document.DepartmentKey));

        var missing = await service.PostAsync("/api/documents/internal/files", Files.Form(("file", "x.pdf", Files.Pdf(), null)));
        Assert.Equal("required", (await missing.ProblemAsync()).Reasons["departmentKey"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Clerk().PostAsync("/api/documents/internal/files", Files.Form(("file", "x.pdf", Files.Pdf(), null)))).StatusCode);
    }
}
