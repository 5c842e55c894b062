using System.Net;
using System.Net.Http.Json;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// The documents of a consultation travel with its room (issue 16 item 2): after a transfer to another department the
/// clerk there lists and opens what was handed in during it, though it stays in the first department's inbox (which
/// alone assigns and processes it); a third department sees nothing.
/// </summary>
public sealed class TransferredCaseTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    [Fact]
    public async Task After_a_transfer_the_receiving_clerk_reads_the_consultations_documents_and_a_third_department_does_not()
    {
        var (token, roomId) = await factory.Tokens.NewRoomAsync("residents-office", "move", status: "active");
        var resident = factory.CreateResidentClient(token);
        var result = await (await resident.PostAsync("/api/documents/uploads",
            Files.Form(("files", "Mietvertrag.pdf", Files.Pdf("lease"), "application/pdf")).With("channel", "session"))).SubmittedAsync();
        var documentId = result.Documents[0].Id!.Value;

        // Sessions lets the clerk of the department the room went to act on it.
        factory.StaffLookups.Put(new Contracts.Sessions.RoomView(roomId, "move", "tax-office", "Erika Muster", null, "de", null, roomId, "active", "write"));
        var second = factory.CreateStaffClient(Staff.Clerk("tax-office", "tax-enquiry"));

        var listed = await second.GetFromJsonAsync<List<InboxDoc>>($"/api/documents/sessions/{roomId}");
        var only = Assert.Single(listed!);
        Assert.Equal(("Mietvertrag.pdf", "residents-office"), (only.FileName, only.DepartmentKey));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/api/documents/{documentId}")).StatusCode);
        var content = await second.GetAsync($"/api/documents/{documentId}/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal(Files.Pdf("lease"), await content.Content.ReadAsByteArrayAsync());
        // Inbox work stays with the document's department.
        Assert.Equal(HttpStatusCode.NotFound, (await second.PostAsync($"/api/documents/{documentId}/processed", null)).StatusCode);

        var third = factory.CreateStaffClient(Staff.Clerk("building-office"));
        var refused = await third.GetAsync($"/api/documents/sessions/{roomId}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("consultation-other-department", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/api/documents/{documentId}/content")).StatusCode);
    }

    /// <summary>
    /// A consultation's document handed on to the department its room went to: the work on it goes with it there (assign,
    /// processed), and the first department, whose room it no longer is, sees it as any other department's document. The
    /// room's clerk, who only reads it, cannot hand it on.
    /// </summary>
    [Fact]
    public async Task A_consultations_document_handed_on_to_the_rooms_new_department_is_theirs_to_work_and_gone_from_the_first()
    {
        var (token, roomId) = await factory.Tokens.NewRoomAsync("residents-office", "move", status: "active");
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "Lohnausweis.pdf", Files.Pdf("salary"), "application/pdf")).With("channel", "session"))).SubmittedAsync();
        var documentId = result.Documents[0].Id!.Value;
        factory.StaffLookups.Put(new Contracts.Sessions.RoomView(roomId, "move", "tax-office", "Erika Muster", null, "de", null, roomId, "active", "write"));
        var taxClerk = Staff.Clerk("tax-office", "tax-enquiry");
        var tax = factory.CreateStaffClient(taxClerk);
        var residents = factory.CreateStaffClient(Staff.Clerk("residents-office"));

        // Reading through the room is no licence to move the document.
        var refused = await tax.PostAsJsonAsync($"/api/documents/{documentId}/hand-on", new { departmentKey = "tax-office", reason = "unser Fall" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var handed = await residents.PostAsJsonAsync($"/api/documents/{documentId}/hand-on", new { departmentKey = "tax-office", reason = "Die Beratung ging ans Steueramt" });
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);

        Assert.Contains((await tax.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox"))!, d => d.Id == documentId);
        Assert.Equal(HttpStatusCode.OK, (await tax.PostAsJsonAsync($"/api/documents/{documentId}/assign", new { staffId = taxClerk.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tax.PostAsync($"/api/documents/{documentId}/processed", null)).StatusCode);
        var listed = Assert.Single((await tax.GetFromJsonAsync<List<InboxDoc>>($"/api/documents/sessions/{roomId}"))!);
        Assert.Equal(("tax-office", "residents-office"), (listed.DepartmentKey, listed.HandedOnFrom));

        // The residents' office holds neither the room nor the document any more.
        Assert.Equal(HttpStatusCode.NotFound, (await residents.GetAsync($"/api/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await residents.GetAsync($"/api/documents/{documentId}/content")).StatusCode);
        var list = await residents.GetAsync($"/api/documents/sessions/{roomId}");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Contains("consultation-other-department", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateStaffClient(Staff.Clerk("building-office")).GetAsync($"/api/documents/{documentId}")).StatusCode);
    }
}
