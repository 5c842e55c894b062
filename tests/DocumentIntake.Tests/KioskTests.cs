using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

public class KioskTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    [Fact]
    public async Task Pages_become_one_pdf_with_a_receipt_number_a_receipt_mail_and_a_notice_to_the_department()
    {
        var email = Mailbox.UniqueAddress();
        var form = Files.Form(("files", "page-1.jpg", Files.Page1, "image/jpeg"), ("files", "page-2.jpg", Files.Page2, "image/jpeg"),
                ("files", "anhang.pdf", Files.Pdf("attachment"), "application/pdf"))
            .With("concernKey", "dog-registration").With("email", email).With("language", "en");
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var response = await kiosk.PostAsync("/api/documents/kiosk/submissions", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.SubmittedAsync();

        Assert.Matches(new Regex($"^K-{DateTime.UtcNow.Year}-\\d{{6}}$"), result.ReceiptNumber);
        var pdf = Assert.Single(result.Documents, d => d.PageCount == 2);
        Assert.Equal(($"{result.ReceiptNumber}.pdf", "application/pdf", "clean", "residents-office"), (pdf.FileName, pdf.ContentType, pdf.Status, pdf.DepartmentKey));
        Assert.Single(result.Documents, d => d.FileName == "anhang.pdf");

        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var bytes = await clerk.GetByteArrayAsync($"/api/documents/{pdf.Id}/content");
        var images = PdfStructure.Validate(bytes);
        Assert.Equal([Files.Page1, Files.Page2], images.Select(i => i.Data));

        var receipt = Assert.Single(await Mailbox.WaitForAsync(email));
        Assert.Equal($"Your receipt {result.ReceiptNumber}", receipt.Subject);
        Assert.Contains("(2 pages): received", receipt.TextBody);
        Assert.Equal("Digital counter", receipt.From.Mailboxes.Single().Name);

        var notices = await Mailbox.WaitForAsync("einwohneramt@stadt.example", where: m => m.Subject?.Contains(pdf.Id.ToString()!) == true);
        var notice = Assert.Single(notices);
        // In German only, the staff's language where the city names none (it mixed German and English line by line,
        // "Neues Dokument / New document"; Lugano's in Italian: StaffMailLanguageTests).
        Assert.Equal($"Neues Dokument im Posteingang Einwohneramt [{pdf.Id}]", notice.Subject);
        Assert.Equal("de", notice.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
        Assert.Contains("Weg: Scanner-Terminal", notice.TextBody);
        Assert.Contains($"Quittung: {result.ReceiptNumber}", notice.TextBody);
        foreach (var english in new[] { "New document", "File", "Channel", "Concern", "Receipt", "Open:", "bytes", "/ " })
            Assert.DoesNotContain(english, notice.TextBody + notice.Subject, StringComparison.Ordinal);
        Assert.Contains($"/agent/inbox.html#document={pdf.Id}", notice.TextBody);
        Assert.Empty(notice.Attachments);
    }

    [Fact]
    public async Task A_resident_who_reads_Leichte_Sprache_gets_the_receipt_in_Leichte_Sprache()
    {
        var email = Mailbox.UniqueAddress();
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var result = await (await kiosk.PostAsync("/api/documents/kiosk/submissions",
            Files.Form(("files", "p.jpg", Files.Page1, "image/jpeg")).With("concernKey", "move").With("email", email).With("language", "de-x-ls"))).SubmittedAsync();

        var receipt = Assert.Single(await Mailbox.WaitForAsync(email));
        Assert.Equal($"Ihre Quittung {result.ReceiptNumber}: Wir haben Ihre Papiere", receipt.Subject);
        Assert.Contains($"Ihre Quittungs-Nummer ist: {result.ReceiptNumber}", receipt.TextBody);
        Assert.Contains("(1 Seite): bekommen", receipt.TextBody);
        Assert.Equal("de-x-ls", receipt.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task A_second_submission_gets_the_next_receipt_number_and_no_mail_without_an_address()
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var first = await (await kiosk.PostAsync("/api/documents/kiosk/submissions",
            Files.Form(("files", "p.jpg", Files.Page1, null)).With("concernKey", "move"))).SubmittedAsync();
        var second = await (await kiosk.PostAsync("/api/documents/kiosk/submissions",
            Files.Form(("files", "p.jpg", Files.Page1, null)).With("concernKey", "move"))).SubmittedAsync();
        Assert.Equal(long.Parse(first.ReceiptNumber![^6..]) + 1, long.Parse(second.ReceiptNumber![^6..]));
    }

    [Theory]
    [InlineData("", "x@example.org", "concernKey", "required")]
    [InlineData("building-permit", "x@example.org", "concernKey", "unknown")]
    [InlineData("move", "not an address", "email", "invalid")]
    [InlineData("move", "anna.muster@example", "email", "invalid")]
    public async Task Fields_are_validated_by_name(string concern, string email, string field, string reason)
    {
        var form = Files.Form(("files", "p.jpg", Files.Page1, null)).With("concernKey", concern).With("email", email);
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var response = await kiosk.PostAsync("/api/documents/kiosk/submissions", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, (await response.ProblemAsync()).Reasons[field]);
    }

    /// <summary>
    /// A lossless JPEG (SOF3) was merged as DCTDecode into a PDF that rendered blank, and the scan was gone; one whose
    /// header states 65500×65500 over 16×16 pixels made a PDF no reader renders (outside probe). Both are refused
    /// naming the page before anything is stored: no receipt number is used up.
    /// </summary>
    [Theory]
    [InlineData("probe-lossless.jpg", "unsupported-image")]
    [InlineData("probe-hugedim.jpg", "too-many-pixels")]
    public async Task A_page_the_pdf_cannot_show_is_refused_before_anything_is_stored(string asset, string reason)
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var before = await (await kiosk.PostAsync("/api/documents/kiosk/submissions", Files.Form(("files", "p.jpg", Files.Page1, null)).With("concernKey", "move"))).SubmittedAsync();

        var response = await kiosk.PostAsync("/api/documents/kiosk/submissions",
            Files.Form(("files", "p1.jpg", Files.Page2, "image/jpeg"), ("files", "p2.jpg", Files.Asset(asset), "image/jpeg")).With("concernKey", "move"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reason, problem.GetProperty("reasons").GetProperty("files[1]").GetString());
        Assert.False(problem.GetProperty("reasons").TryGetProperty("files[0]", out _));
        if (reason == "too-many-pixels") Assert.Equal(100, problem.GetProperty("reasonArgs").GetProperty("files[1]").GetProperty("max").GetInt32());

        var after = await (await kiosk.PostAsync("/api/documents/kiosk/submissions", Files.Form(("files", "p.jpg", Files.Page1, null)).With("concernKey", "move"))).SubmittedAsync();
        Assert.Equal(long.Parse(before.ReceiptNumber![^6..]) + 1, long.Parse(after.ReceiptNumber![^6..]));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.StoragePath, "incoming")));
    }

    [Fact]
    public async Task The_kiosk_offers_every_concern_of_the_demo_city()
    {
        var concerns = await factory.CreateClient().GetFromJsonAsync<List<KioskConcernView>>("/api/documents/kiosk/concerns");
        Assert.Equal(14, concerns!.Count);
        Assert.Contains(new KioskConcernView("tax-return", "tax-office"), concerns);
        Assert.Contains(new KioskConcernView("naturalisation", "residents-office"), concerns);
    }

    [Fact]
    public async Task An_unknown_device_is_refused_with_401_and_nothing_is_stored()
    {
        var form = () => Files.Form(("files", "p.jpg", Files.Page1, null)).With("concernKey", "move").With("email", Mailbox.UniqueAddress());
        foreach (var client in new[] { factory.CreateClient(), factory.KioskClient(CapabilityToken.Create()), factory.KioskClient("not-a-token") })
        {
            var response = await client.PostAsync("/api/documents/kiosk/submissions", form());
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("device-unknown", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/documents/kiosk/device")).StatusCode);
        }
    }

    [Fact]
    public async Task An_enrolment_code_works_once_and_the_device_shows_in_the_admin_list()
    {
        var issued = await factory.IssueKioskAsync("Eingangshalle West");
        Assert.Equal("waiting", issued.Device.Status);
        var first = await factory.CreateClient().PostAsJsonAsync("/api/documents/kiosk/enrolment", new { code = issued.EnrolmentCode });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var again = await factory.CreateClient().PostAsJsonAsync("/api/documents/kiosk/enrolment", new { code = issued.EnrolmentCode });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);

        var token = (await first.Content.ReadFromJsonAsync<KioskEnrolment.Enrolled>())!.Token;
        var state = await factory.KioskClient(token).GetFromJsonAsync<JsonElement>("/api/documents/kiosk/device");
        Assert.Equal("Eingangshalle West", state.GetProperty("name").GetString());

        var devices = await factory.CreateStaffClient(Staff.Admin()).GetFromJsonAsync<List<KioskEnrolment.DeviceView>>("/api/documents/kiosk/devices");
        Assert.Contains(devices!, d => d.Id == issued.Device.Id && d.Status == "active");
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateStaffClient(Staff.Supervisor("residents-office")).GetAsync("/api/documents/kiosk/devices")).StatusCode);
        var unnamed = await factory.CreateStaffClient(Staff.Admin()).PostAsJsonAsync("/api/documents/kiosk/devices", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
    }

    [Fact]
    public async Task A_revoked_device_is_refused_with_401()
    {
        var (kiosk, id) = await factory.EnrolKioskAsync("Foyer Ost");
        var form = () => Files.Form(("files", "p.jpg", Files.Page1, null)).With("concernKey", "move");
        Assert.Equal(HttpStatusCode.Created, (await kiosk.PostAsync("/api/documents/kiosk/submissions", form())).StatusCode);

        var revoked = await factory.CreateStaffClient(Staff.Admin()).PostAsync($"/api/documents/kiosk/devices/{id}/revoke", null);
        Assert.Equal("revoked", (await revoked.Content.ReadFromJsonAsync<KioskEnrolment.DeviceView>())!.Status);

        var response = await kiosk.PostAsync("/api/documents/kiosk/submissions", form());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("device-revoked", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.GetAsync("/api/documents/kiosk/device")).StatusCode);
    }

    public sealed record KioskConcernView(string ConcernKey, string DepartmentKey);
}

/// <summary>A document intake with small kiosk quotas, so each can be reached in a test.</summary>
public sealed class SmallQuotaFactory : DocumentFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Configure() =>
    [
        .. base.Configure(),
        new("Documents:Kiosk:FilesPerRequest", "3"),
        new("Documents:Kiosk:BytesPerRequest", "200000"),
        new("Documents:Kiosk:RequestsPerHour", "2"),
        new("Documents:Kiosk:BytesPerHour", "100000"),
    ];
}

public class KioskQuotaTests(SmallQuotaFactory factory) : IClassFixture<SmallQuotaFactory>
{
    private static async Task<(JsonElement Problem, HttpResponseMessage Response)> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string limit)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        return (problem, response);
    }

    [Fact]
    public async Task More_files_than_a_request_may_carry_answer_413_naming_the_limit()
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var form = Files.Form([.. Enumerable.Range(1, 4).Select(i => ("files", $"{i}.pdf", Files.Pdf($"page {i}"), (string?)null))]).With("concernKey", "move");
        var (problem, _) = await RefusedAsync(await kiosk.PostAsync("/api/documents/kiosk/submissions", form), HttpStatusCode.RequestEntityTooLarge, "filesPerRequest");
        Assert.Equal(3, problem.GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task More_bytes_than_a_request_may_carry_answer_413_naming_the_limit()
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var form = Files.Form(("files", "big.pdf", Files.Pdf(new string('x', 250_000)), null)).With("concernKey", "move");
        await RefusedAsync(await kiosk.PostAsync("/api/documents/kiosk/submissions", form), HttpStatusCode.RequestEntityTooLarge, "bytesPerRequest");
    }

    [Fact]
    public async Task Requests_past_the_hourly_quota_answer_429_with_retry_after()
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var form = () => Files.Form(("files", "p.pdf", Files.Pdf(Guid.NewGuid().ToString()), null)).With("concernKey", "move");
        for (var i = 0; i < 2; i++) await (await kiosk.PostAsync("/api/documents/kiosk/submissions", form())).SubmittedAsync();
        var (_, response) = await RefusedAsync(await kiosk.PostAsync("/api/documents/kiosk/submissions", form()), HttpStatusCode.TooManyRequests, "requestsPerHour");
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 3000, 3600);

        // The quota is the device's: another kiosk still hands in.
        var (other, _) = await factory.EnrolKioskAsync("Zweites Terminal");
        await (await other.PostAsync("/api/documents/kiosk/submissions", form())).SubmittedAsync();
    }

    [Fact]
    public async Task Bytes_past_the_hourly_quota_answer_429_naming_the_limit()
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        await (await kiosk.PostAsync("/api/documents/kiosk/submissions",
            Files.Form(("files", "1.jpg", Files.Page1, null), ("files", "2.jpg", Files.Page2, null)).With("concernKey", "move"))).SubmittedAsync();
        var more = Files.Form(("files", "3.pdf", Files.Pdf(new string('y', 40_000)), null)).With("concernKey", "move");
        await RefusedAsync(await kiosk.PostAsync("/api/documents/kiosk/submissions", more), HttpStatusCode.TooManyRequests, "bytesPerHour");
    }

    /// <summary>
    /// A refused hand-in (a file of a type not taken) counts against the device's hour as accepted ones do, at least
    /// 1 MB: past this kiosk's 100,000 bytes an hour, the next one, however good, waits (429).
    /// </summary>
    [Fact]
    public async Task Refused_hand_ins_count_against_the_hourly_quota()
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var refused = await kiosk.PostAsync("/api/documents/kiosk/submissions",
            Files.Form(("files", "notes.txt", "not a document"u8.ToArray(), "text/plain")).With("concernKey", "move"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var good = Files.Form(("files", "p.pdf", Files.Pdf(Guid.NewGuid().ToString()), null)).With("concernKey", "move");
        await RefusedAsync(await kiosk.PostAsync("/api/documents/kiosk/submissions", good), HttpStatusCode.TooManyRequests, "bytesPerHour");
    }
}
