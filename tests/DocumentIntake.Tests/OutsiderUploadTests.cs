using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Municipal.Contracts.Booking;
using Municipal.Contracts.Forms;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// Document intake as an outsider tries it (probe 6): file names no system writes, an empty file, bodies that break
/// off or name no boundary, two requests of one link at the same moment, another department's document asked for by
/// id on every route, a dossier's link after the dossier was closed, a ticket's after its resident left the queue, and
/// one kiosk enrolment code sent twice. Each is refused by name (or kept under a safe
/// name), never 5xx, and nothing is lost.
/// </summary>
public sealed class OutsiderUploadTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    private const string Boundary = "probe6-boundary";

    [Theory]
    [InlineData("....")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../../../etc/passwd")]
    [InlineData("C:\\Windows\\..\\win.pdf")]
    [InlineData("a/b\\c/..\\.pdf")]
    [InlineData(" .pdf")]
    [InlineData("LONG")]
    public async Task A_file_name_no_system_writes_is_kept_under_a_safe_name(string name)
    {
        if (name == "LONG") name = new string('ä', 500) + ".pdf";
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);

        var answer = await resident.PostAsync("/api/documents/uploads", Files.Form(("files", name, Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")));

        var stored = Assert.Single((await answer.SubmittedAsync()).Documents).FileName;
        Assert.True(stored.Length is > 4 and <= 120, stored);
        Assert.EndsWith(".pdf", stored, StringComparison.Ordinal);
        Assert.False(stored.StartsWith('.') || stored.Contains('/') || stored.Contains('\\') || stored.Contains("..", StringComparison.Ordinal), stored);
    }

    [Theory]
    [InlineData("filename*=UTF-8''a%00b.pdf")]
    [InlineData("filename=\"a\u0000b.pdf\"")]
    public async Task A_file_name_with_a_nul_is_refused_naming_the_file(string parameter)
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);
        var pdf = Encoding.Latin1.GetString(Files.Pdf("nul"));

        var answer = await resident.PostAsync("/api/documents/uploads", Multipart(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; {parameter}\r\nContent-Type: application/pdf\r\n\r\n{pdf}\r\n--{Boundary}--\r\n"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("files[0]", (await answer.ProblemAsync()).Errors.Keys);
        Assert.Equal("[]", await resident.GetStringAsync("/api/documents/uploads/mine"));
    }

    [Fact]
    public async Task An_empty_file_is_refused_naming_it_and_leaves_no_document()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);

        var answer = await resident.PostAsync("/api/documents/uploads", Files.Form(("files", "leer.pdf", [], "application/pdf")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains((await answer.ProblemAsync()).Errors.Keys, k => k.StartsWith("files", StringComparison.Ordinal));
        Assert.Equal("[]", await resident.GetStringAsync("/api/documents/uploads/mine"));
    }

    [Theory]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--x--\r\n")]
    [InlineData("multipart/form-data; boundary=", "--\r\n\r\n")]
    [InlineData("multipart/form-data; boundary=probe6-boundary", "--probe6-boundary\r\nContent-Disposition: form-da")]
    [InlineData("multipart/form-data; boundary=probe6-boundary", "--probe6-boundary\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n")]
    [InlineData("multipart/form-data; boundary=probe6-boundary", "")]
    [InlineData("application/json", "{\"files\":[\"a.pdf\"]}")]
    [InlineData("application/pdf", "%PDF-1.4\n%%EOF\n")]
    public async Task A_body_that_is_no_whole_form_is_a_4xx_problem_and_leaves_no_document(string contentType, string body)
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var answer = await resident.PostAsync("/api/documents/uploads", content);

        Assert.True((int)answer.StatusCode is >= 400 and < 500, $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[]", await resident.GetStringAsync("/api/documents/uploads/mine"));
    }

    [Fact]
    public async Task Two_uploads_of_one_link_at_the_same_moment_both_arrive()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var resident = factory.CreateResidentClient(token);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            resident.PostAsync("/api/documents/uploads", Files.Form(("files", $"seite{i}.pdf", Files.Pdf($"page {i} {Guid.NewGuid()}"), "application/pdf")))));

        foreach (var answer in answers) await answer.SubmittedAsync();
        var mine = await resident.GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine");
        Assert.Equal(["seite0.pdf", "seite1.pdf"], mine!.Select(d => d.FileName).Order());
    }

    [Fact]
    public async Task Another_departments_document_is_not_there_on_any_route_and_stays_as_it_was()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync("tax-office", "tax-return");
        var id = Assert.Single((await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "steuer.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")))).SubmittedAsync()).Documents).Id!.Value;
        var outsider = Staff.Clerk("residents-office");
        var clerk = factory.CreateStaffClient(outsider);

        var answers = new[]
        {
            await clerk.GetAsync($"/api/documents/{id}"),
            await clerk.GetAsync($"/api/documents/{id}/content"),
            await clerk.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = outsider.Id }),
            await clerk.PostAsync($"/api/documents/{id}/processed", null),
            await clerk.PostAsJsonAsync($"/api/documents/{id}/hand-on", new { departmentKey = "residents-office", reason = "Gehört zu uns" }),
            await clerk.DeleteAsync($"/api/documents/{id}"),
        };
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri}: {(int)answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
        var document = await factory.CreateStaffClient(Staff.Clerk("tax-office")).GetFromJsonAsync<InboxDoc>($"/api/documents/{id}");
        Assert.Equal(("tax-office", null, null), (document!.DepartmentKey, document.AssignedStaffId, document.ProcessedAt));
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("rejected")]
    public async Task A_closed_dossiers_link_hands_in_nothing_more_and_still_shows_what_it_handed_in(string status)
    {
        var (dossierId, token) = await factory.Tokens.Feed.DossierAsync("tax-office", "tax-return");
        var resident = factory.CreateResidentClient(token);
        await (await resident.PostAsync("/api/documents/uploads", Files.Form(("files", "beleg.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")))).SubmittedAsync();

        await factory.Tokens.Feed.PublishAsync(new DossierStatusChanged(dossierId, "tax-office", "in_review", status, null, Guid.NewGuid(), DateTimeOffset.UtcNow),
            l => l.DossierId == dossierId && l.ClosedAt != null);
        // The mail telling the decision brings a link of its own, issued after it.
        var (mailed, now) = (CapabilityToken.Create(), DateTimeOffset.UtcNow);
        await factory.Tokens.Feed.PublishAsync(new DossierLinkIssued(dossierId, CapabilityToken.Hash(mailed), "tax-office", "tax-return", null, now.AddDays(365), now),
            l => l.TokenHash == CapabilityToken.Hash(mailed));

        foreach (var link in new[] { resident, factory.CreateResidentClient(mailed) })
        {
            var late = await link.PostAsync("/api/documents/uploads", Files.Form(("files", "nachtrag.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")));
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
            Assert.Equal("dossier-closed-documents", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.Equal(["beleg.pdf"], (await resident.GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!.Select(d => d.FileName));
    }

    [Fact]
    public async Task A_ticket_whose_resident_left_the_queue_hands_in_nothing_more()
    {
        var (ticketId, token) = await factory.Tokens.Feed.TicketAsync("residents-office", "move");
        var resident = factory.CreateResidentClient(token);
        await (await resident.PostAsync("/api/documents/uploads", Files.Form(("files", "pass.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")))).SubmittedAsync();

        await factory.Tokens.Feed.PublishAsync(new QueueTicketLeft(ticketId, "move", "residents-office", DateTimeOffset.UtcNow), l => l.Id == ticketId && l.ClosedAt != null);
        var late = await resident.PostAsync("/api/documents/uploads", Files.Form(("files", "nachtrag.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")));

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal("consultation-closed-documents", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(["pass.pdf"], (await resident.GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!.Select(d => d.FileName));
    }

    [Fact]
    public async Task An_enrolment_code_sent_twice_at_once_enrols_one_kiosk_whose_token_works()
    {
        for (var round = 0; round < 10; round++)
        {
            var issued = await factory.IssueKioskAsync($"Foyer {round}");
            var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                factory.CreateClient().PostAsJsonAsync("/api/documents/kiosk/enrolment", new { code = issued.EnrolmentCode })));

            var enrolled = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var token = (await enrolled.Content.ReadFromJsonAsync<KioskEnrolment.Enrolled>())!.Token;
            Assert.Equal(HttpStatusCode.OK, (await factory.KioskClient(token).GetAsync("/api/documents/kiosk/device")).StatusCode);
        }
    }

    private static ByteArrayContent Multipart(string text)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={Boundary}");
        return content;
    }
}
