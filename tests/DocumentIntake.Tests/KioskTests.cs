using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
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
        var response = await factory.CreateClient().PostAsync("/api/documents/kiosk/submissions", form);
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

        var notices = await Mailbox.WaitForAsync("einwohneramt@stadt.example", where: m => m.Subject?.Contains(pdf.Id.ToString()!) == true);
        var notice = Assert.Single(notices);
        Assert.Contains($"/agent/inbox.html#document={pdf.Id}", notice.TextBody);
        Assert.Empty(notice.Attachments);
    }

    [Fact]
    public async Task A_second_submission_gets_the_next_receipt_number_and_no_mail_without_an_address()
    {
        var first = await (await factory.CreateClient().PostAsync("/api/documents/kiosk/submissions",
            Files.Form(("files", "p.jpg", Files.Page1, null)).With("concernKey", "move"))).SubmittedAsync();
        var second = await (await factory.CreateClient().PostAsync("/api/documents/kiosk/submissions",
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
        var response = await factory.CreateClient().PostAsync("/api/documents/kiosk/submissions", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, (await response.ProblemAsync()).Reasons[field]);
    }

    [Fact]
    public async Task The_kiosk_offers_every_concern_of_the_demo_city()
    {
        var concerns = await factory.CreateClient().GetFromJsonAsync<List<KioskConcernView>>("/api/documents/kiosk/concerns");
        Assert.Equal(14, concerns!.Count);
        Assert.Contains(new KioskConcernView("tax-return", "tax-office"), concerns);
        Assert.Contains(new KioskConcernView("naturalisation", "residents-office"), concerns);
    }

    public sealed record KioskConcernView(string ConcernKey, string DepartmentKey);
}
