using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MassTransit;
using Municipal.Contracts.Booking;
using Municipal.DocumentIntake.Data;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// A document in the wrong inbox (a kiosk scan under the wrong concern, an upload that belongs elsewhere) is handed on
/// by a clerk of its department to another department, with a reason: it arrives there open and unassigned, saying
/// where it came from and why, the receiving mailbox is told, and the first department sees it no more.
/// </summary>
public sealed class HandOnTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    private async Task<Guid> KioskDocumentAsync(string concern = "move")
    {
        var (kiosk, _) = await factory.EnrolKioskAsync();
        var form = Files.Form(("files", "Lohnausweis.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")).With("concernKey", concern);
        var result = await (await kiosk.PostAsync("/api/documents/kiosk/submissions", form)).SubmittedAsync();
        return Assert.Single(result.Documents).Id!.Value;
    }

    private static Task<HttpResponseMessage> HandOnAsync(HttpClient client, Guid id, string? departmentKey, string? reason) =>
        client.PostAsJsonAsync($"/api/documents/{id}/hand-on", new { departmentKey, reason });

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    [Fact]
    public async Task A_clerk_hands_a_document_on_it_arrives_unassigned_with_its_reason_and_the_first_department_loses_it()
    {
        var id = await KioskDocumentAsync();
        var residentsClerk = Staff.Clerk("residents-office");
        var residents = factory.CreateStaffClient(residentsClerk);
        var taxClerk = Staff.Clerk("tax-office");
        var tax = factory.CreateStaffClient(taxClerk);
        var building = factory.CreateStaffClient(Staff.Clerk("building-office"));
        (await residents.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = residentsClerk.Id })).EnsureSuccessStatusCode();

        // A clerk of another department cannot hand on what is not in her inbox.
        Assert.Equal(HttpStatusCode.NotFound, (await HandOnAsync(tax, id, "tax-office", "gehört zu uns")).StatusCode);

        var response = await HandOnAsync(residents, id, "tax-office", "  Lohnausweis: gehört zur Steuererklärung  ");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = (await response.Content.ReadFromJsonAsync<InboxDoc>())!;
        Assert.Equal(("tax-office", "residents-office", "Lohnausweis: gehört zur Steuererklärung", (Guid?)null),
            (moved.DepartmentKey, moved.HandedOnFrom, moved.HandOnReason, moved.AssignedStaffId));

        // In the tax office's inbox as a new, open, unassigned document that says where it came from and why.
        var arrived = Assert.Single((await tax.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox?assigned=unassigned&processed=false"))!, d => d.Id == id);
        Assert.Equal(("residents-office", "Lohnausweis: gehört zur Steuererklärung"), (arrived.HandedOnFrom, arrived.HandOnReason));
        Assert.Equal(HttpStatusCode.OK, (await tax.GetAsync($"/api/documents/{id}/content")).StatusCode);

        // The first department and a third see it as any other department's document: not at all.
        Assert.DoesNotContain((await residents.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox"))!, d => d.Id == id);
        foreach (var other in new[] { residents, building })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/documents/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/documents/{id}/content")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/documents/{id}/processed", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await HandOnAsync(other, id, "residents-office", "zurück")).StatusCode);
        }

        // The receiving department's mailbox is told, in German, with the reason and a link to the document.
        var notice = Assert.Single(await Mailbox.WaitForAsync("steueramt@stadt.example", where: m => m.Subject?.Contains($"weitergegeben von Einwohneramt an Steueramt [{id}]") == true));
        Assert.Contains("Grund: Lohnausweis: gehört zur Steuererklärung", notice.TextBody);
        Assert.Contains($"/agent/inbox.html#document={id}", notice.TextBody);
        Assert.Equal("de", notice.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);

        // The tax office works it as its own; an admin may hand it on again, and the last hand-on is the one shown.
        (await tax.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = taxClerk.Id })).EnsureSuccessStatusCode();
        var admin = Staff.Admin();
        var back = (await (await HandOnAsync(factory.CreateStaffClient(admin), id, "residents-office", "doch Einwohneramt")).Content.ReadFromJsonAsync<InboxDoc>())!;
        Assert.Equal(("residents-office", "tax-office", "doch Einwohneramt", (Guid?)null), (back.DepartmentKey, back.HandedOnFrom, back.HandOnReason, back.AssignedStaffId));

        await using var scope = factory.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<DocumentDb>().DocumentHandOns.AsNoTracking()
            .Where(h => h.DocumentId == id).OrderBy(h => h.HandedOnAt).Select(h => new { h.FromDepartmentKey, h.ToDepartmentKey, h.HandedOnBy }).ToListAsync();
        Assert.Equal(new[] { new { FromDepartmentKey = "residents-office", ToDepartmentKey = "tax-office", HandedOnBy = residentsClerk.Id },
            new { FromDepartmentKey = "tax-office", ToDepartmentKey = "residents-office", HandedOnBy = admin.Id } }, record);
    }

    /// <summary>
    /// A department the admin added on booking's page was offered in "hand on" and refused (`no-department`), and its
    /// forms' PDFs waited for ever: only the demo city's two had an inbox. Booking's announcement makes one.
    /// </summary>
    [Fact]
    public async Task A_department_booking_announces_gets_an_inbox_documents_can_be_handed_on_to_and_a_later_save_renames()
    {
        var key = $"building-{Guid.NewGuid():N}"[..20];
        var id = await KioskDocumentAsync();
        var residents = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        Assert.Equal("no-department", (await (await HandOnAsync(residents, id, key, "Baugesuch")).ProblemAsync()).Reasons["departmentKey"]);

        var bus = factory.Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        await bus.Publish(new DepartmentChanged(key, "Bauamt", null, "bauamt@stadt.example", DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () => (await InboxAsync(key))?.Mailbox == "bauamt@stadt.example", TimeSpan.FromSeconds(30), "The department was not consumed in time.");
        // Without an English name the English inbox name is the German one.
        Assert.Equal(("Bauamt", "Bauamt"), (await InboxAsync(key))!.Value.Names);

        Assert.Equal(HttpStatusCode.OK, (await HandOnAsync(residents, id, key, "Baugesuch")).StatusCode);
        var building = factory.CreateStaffClient(Staff.Clerk(key));
        Assert.Contains((await building.GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox"))!, d => d.Id == id);

        // A later save of the department (a new mailbox, an English name) is taken over, the same message twice too.
        var renamed = new DepartmentChanged(key, "Bauamt", "Building office", "bau@stadt.example", DateTimeOffset.UtcNow);
        await bus.Publish(renamed);
        await bus.Publish(renamed);
        await Poll.UntilAsync(async () => (await InboxAsync(key))?.Mailbox == "bau@stadt.example", TimeSpan.FromSeconds(30), "The save was not consumed in time.");
        Assert.Equal(("Bauamt", "Building office"), (await InboxAsync(key))!.Value.Names);
    }

    private async Task<((string De, string En) Names, string Mailbox)?> InboxAsync(string key)
    {
        using var scope = factory.Services.CreateScope();
        var inbox = await scope.ServiceProvider.GetRequiredService<DocumentDb>().DepartmentInboxes.AsNoTracking().SingleOrDefaultAsync(i => i.DepartmentKey == key);
        return inbox is null ? null : ((inbox.NameDe, inbox.NameEn), inbox.Mailbox);
    }

    [Theory]
    [InlineData(null, "falsches Anliegen", "departmentKey", "hand-on-department")]
    [InlineData("residents-office", "falsches Anliegen", "departmentKey", "hand-on-same-department")]
    [InlineData("building-office", "falsches Anliegen", "departmentKey", "no-department")]
    [InlineData("tax-office", null, "reason", "hand-on-reason")]
    [InlineData("tax-office", "   ", "reason", "hand-on-reason")]
    [InlineData("tax-office", "Zeile eins{LF}Zeile zwei", "reason", "one-line")]
    [InlineData("tax-office", "Steuer{NUL}", "reason", "control-character")]
    [InlineData("tax-office", "Steuer {RLO}fdp.exe", "reason", "invalid-character")]
    [InlineData("tax-office", "x", "reason", "too-long")]
    public async Task A_missing_or_wrong_target_or_reason_is_refused_naming_the_field(string? department, string? reason, string field, string code)
    {
        var id = await KioskDocumentAsync();
        var residents = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        // Written as names in the cases, so the test's own name and report hold no control character.
        reason = code == "too-long" ? new string('x', 301) : reason?.Replace("{LF}", "\n").Replace("{NUL}", "\u0000").Replace("{RLO}", "\u202E");

        var refused = await HandOnAsync(residents, id, department, reason);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var (errors, reasons) = await refused.ProblemAsync();
        Assert.Equal([field], errors.Keys);
        Assert.Equal(code, reasons[field]);
        Assert.Equal("residents-office", (await residents.GetFromJsonAsync<InboxDoc>($"/api/documents/{id}"))!.DepartmentKey);
    }

    [Fact]
    public async Task A_processed_or_deleted_document_is_not_handed_on()
    {
        var residents = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var processed = await KioskDocumentAsync();
        (await residents.PostAsync($"/api/documents/{processed}/processed", null)).EnsureSuccessStatusCode();
        var refused = await HandOnAsync(residents, processed, "tax-office", "zu spät gemerkt");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("document-processed", await CodeAsync(refused));

        var deleted = await KioskDocumentAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await factory.CreateStaffClient(Staff.Admin()).DeleteAsync($"/api/documents/{deleted}")).StatusCode);
        refused = await HandOnAsync(residents, deleted, "tax-office", "gelöscht");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("document-deleted", await CodeAsync(refused));
        // To another department a deleted document is as absent as any of the residents' office's.
        Assert.Equal(HttpStatusCode.NotFound, (await HandOnAsync(factory.CreateStaffClient(Staff.Clerk("tax-office")), deleted, "residents-office", "x")).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<DocumentDb>().DocumentHandOns.AnyAsync(h => h.DocumentId == processed || h.DocumentId == deleted));
    }

    /// <summary>
    /// "Processed" did not take the row's lock that a hand-on takes: a clerk's "processed" that read the document before
    /// a colleague's hand-on committed was written after it, and the document arrived in the other inbox as processed.
    /// Here both requests wait on the row at the same moment (the test holds its lock) and are let go together; the
    /// later is judged on what the earlier did, whichever came first.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Processed_and_a_hand_on_at_the_same_moment_are_judged_one_after_the_other(bool handOnFirst)
    {
        var residents = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var id = await KioskDocumentAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        // Both endpoints answered once before, so neither comes to the row seconds late on a busy machine.
        Assert.Equal(HttpStatusCode.NotFound, (await residents.PostAsync($"/api/documents/{Guid.NewGuid()}/processed", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await HandOnAsync(residents, Guid.NewGuid(), "tax-office", "x")).StatusCode);

        Task<HttpResponseMessage> processing, handing;
        await using (var hold = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM documents WHERE id = {id} FOR UPDATE");
            Task<HttpResponseMessage> Process() => residents.PostAsync($"/api/documents/{id}/processed", null);
            Task<HttpResponseMessage> HandOn() => HandOnAsync(residents, id, "tax-office", "gehört zum Steueramt");
            var first = handOnFirst ? HandOn() : Process();
            await UntilWaitingAsync(1);
            var second = handOnFirst ? Process() : HandOn();
            await UntilWaitingAsync(2);
            (handing, processing) = handOnFirst ? (first, second) : (second, first);
            await hold.CommitAsync();
        }
        var (processed, handedOn) = (await processing, await handing);

        var document = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == id);
        var handOns = await db.DocumentHandOns.AsNoTracking().CountAsync(h => h.DocumentId == id);
        if (handOnFirst)
        {
            Assert.Equal(HttpStatusCode.OK, handedOn.StatusCode);
            // Gone to the tax office before the residents' office's "processed" was judged: not theirs to mark.
            Assert.Equal(HttpStatusCode.NotFound, processed.StatusCode);
            Assert.Equal(("tax-office", (DateTimeOffset?)null, 1), (document.DepartmentKey, document.ProcessedAt, handOns));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, processed.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, handedOn.StatusCode);
            Assert.Equal("document-processed", await CodeAsync(handedOn));
            Assert.Equal(("residents-office", true, 0), (document.DepartmentKey, document.ProcessedAt is not null, handOns));
        }
    }

    /// <summary>
    /// An assignment at the moment of a hand-on waits for it and is judged after: the residents' office's clerk is not
    /// put on a document that is the tax office's now (before, the assignment read the row first and wrote it after).
    /// </summary>
    [Fact]
    public async Task An_assignment_at_the_moment_of_a_hand_on_is_judged_on_where_the_document_went()
    {
        var residentsClerk = Staff.Clerk("residents-office");
        var residents = factory.CreateStaffClient(residentsClerk);
        var id = await KioskDocumentAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        Assert.Equal(HttpStatusCode.NotFound, (await residents.PostAsJsonAsync($"/api/documents/{Guid.NewGuid()}/assign", new { staffId = residentsClerk.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await HandOnAsync(residents, Guid.NewGuid(), "tax-office", "x")).StatusCode);

        Task<HttpResponseMessage> handing, assigning;
        await using (var hold = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM documents WHERE id = {id} FOR UPDATE");
            handing = HandOnAsync(residents, id, "tax-office", "gehört zum Steueramt");
            await UntilWaitingAsync(1);
            assigning = residents.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = residentsClerk.Id });
            await UntilWaitingAsync(2);
            await hold.CommitAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await handing).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await assigning).StatusCode);
        var document = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal(("tax-office", (Guid?)null), (document.DepartmentKey, document.AssignedStaffId));
    }

    /// <summary>
    /// Until this many of the database's sessions wait for a lock (the requests, at the test's row lock). Asked on a
    /// connection of its own: within the test's transaction pg_stat_activity stays as it was first read.
    /// </summary>
    private Task UntilWaitingAsync(int count) =>
        Poll.UntilAsync(async () =>
            {
                await using var scope = factory.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<DocumentDb>().Database.SqlQuery<int>(
                    $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync() >= count;
            },
            TimeSpan.FromSeconds(60), $"{count} requests did not come to wait for the document's row.");
}
