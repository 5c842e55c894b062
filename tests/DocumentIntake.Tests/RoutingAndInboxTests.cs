using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Municipal.DocumentIntake.Jobs;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

public class RoutingAndInboxTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    private async Task<SubmittedDoc> KioskAsync(string concern, string fileName, string? note = null)
    {
        var form = Files.Form(("files", fileName, Files.Pdf(Guid.NewGuid().ToString()), null)).With("concernKey", concern);
        if (note is not null) form.With("note", note);
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var result = await (await kiosk.PostAsync("/api/documents/kiosk/submissions", form)).SubmittedAsync();
        return Assert.Single(result.Documents);
    }

    /// <summary>
    /// A concern chosen at the kiosk decides the department: a "Lohnausweis" handed in for a move went to the tax office's
    /// inbox by the keyword rule (outside probe). Keywords route only a general enquiry, whose own rules ask for them.
    /// </summary>
    [Theory]
    [InlineData("move", "umzug.pdf", null, "residents-office", "Move")]
    [InlineData("tax-return", "belege.pdf", null, "tax-office", "Tax return")]
    [InlineData("general-enquiry", "brief.pdf", "Frage zu meiner STEUERERKLÄRUNG", "tax-office", "Tax keyword in a general enquiry")]
    [InlineData("general-enquiry", "brief.pdf", "Frage zum Hundekurs", "residents-office", "General enquiry")]
    [InlineData("move", "Lohnausweis_2025.pdf", null, "residents-office", "Move")]
    [InlineData("move", "x.pdf", "Lohnausweis steuer", "residents-office", "Move")]
    [InlineData("tax-return", "Umzug_Mietvertrag.pdf", null, "tax-office", "Tax return")]
    [InlineData("general-enquiry", "Lohnausweis_2025.pdf", null, "tax-office", "Salary certificate")]
    public async Task Routing_rules_pick_the_department_by_concern_keyword_and_priority(string concern, string file, string? note, string department, string rule)
    {
        var document = await KioskAsync(concern, file, note);
        var view = await factory.CreateStaffClient(Staff.Admin()).GetFromJsonAsync<InboxDoc>($"/api/documents/{document.Id}");
        Assert.Equal((department, rule), (view!.DepartmentKey, view.RoutingRule));
    }

    [Fact]
    public async Task Staff_see_their_departments_inbox_assign_and_mark_processed()
    {
        var document = await KioskAsync("tax-payment", "zahlung.pdf");
        var taxClerk = Staff.Clerk("tax-office");
        var tax = factory.CreateStaffClient(taxClerk);
        var residents = factory.CreateStaffClient(Staff.Clerk("residents-office"));

        Assert.Contains((await tax.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox"))!, d => d.Id == document.Id);
        Assert.DoesNotContain((await residents.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox"))!, d => d.Id == document.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await residents.GetAsync($"/api/documents/{document.Id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await residents.PostAsJsonAsync($"/api/documents/{document.Id}/assign", new { staffId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await residents.GetAsync("/api/documents/inbox?department=tax-office")).StatusCode);

        var missing = await tax.PostAsJsonAsync($"/api/documents/{document.Id}/assign", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("staffId", (await missing.ProblemAsync()).Errors.Keys);

        (await tax.PostAsJsonAsync($"/api/documents/{document.Id}/assign", new { staffId = taxClerk.Id })).EnsureSuccessStatusCode();
        var mine = await tax.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox?assigned=me&processed=false");
        Assert.Equal(taxClerk.Id, Assert.Single(mine!, d => d.Id == document.Id).AssignedStaffId);

        (await tax.PostAsync($"/api/documents/{document.Id}/processed", null)).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await tax.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox?processed=false"))!, d => d.Id == document.Id);
        Assert.Contains((await tax.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox?processed=true"))!, d => d.Id == document.Id);

        var content = await tax.GetAsync($"/api/documents/{document.Id}/content");
        Assert.Equal("application/pdf", content.Content.Headers.ContentType?.MediaType);
        // Shown by the browser rather than downloaded (issue 16 item 14); nosniff keeps it to the stored type.
        Assert.Equal("inline", content.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Only_admins_delete_and_retention_deletes_per_department()
    {
        var tax = await KioskAsync("tax-enquiry", "a.pdf");
        var residents = await KioskAsync("move", "b.pdf");
        var storage = factory.Services.GetRequiredService<Municipal.DocumentIntake.Storage.DocumentStorage>();

        // tax-office keeps 30 days (configured), residents-office the default 90.
        var retention = factory.Services.GetRequiredService<DocumentRetentionJob>();
        await retention.SweepAsync(DateTimeOffset.UtcNow.AddDays(31), default);
        Assert.False(storage.Exists(tax.Id!.Value));
        Assert.True(storage.Exists(residents.Id!.Value));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateStaffClient(Staff.Admin()).GetAsync($"/api/documents/{tax.Id}")).StatusCode);

        var clerk = factory.CreateStaffClient(Staff.Supervisor("residents-office"));
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.DeleteAsync($"/api/documents/{residents.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await factory.CreateStaffClient(Staff.Admin()).DeleteAsync($"/api/documents/{residents.Id}")).StatusCode);
        Assert.False(storage.Exists(residents.Id!.Value));
    }
}
