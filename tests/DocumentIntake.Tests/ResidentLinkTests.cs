using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Municipal.Contracts.Booking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Jobs;
using Municipal.ServiceDefaults.ResidentLinks;
using Municipal.ServiceDefaults.Security;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// Issue 15 item 8: a resident's link is resolved from what document intake learnt from the events (booking's,
/// sessions', forms'), not by asking sessions and forms on every upload. In this factory both are nowhere (their URLs
/// point at a closed port) and the stand-in for sessions' staff look-up counts every call.
/// </summary>
public sealed class ResidentLinkTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    private HttpClient Clerk(string department) => factory.CreateStaffClient(Staff.Clerk(department));

    private static MultipartFormDataContent OnePdf(string text = "lease") => Files.Form(("files", $"{text}.pdf", Files.Pdf(text), "application/pdf"));

    private async Task<InboxDoc> HandInAsync(string token, string department)
    {
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", OnePdf().With("channel", "session"))).SubmittedAsync();
        return (await Clerk(department).GetFromJsonAsync<InboxDoc>($"/api/documents/{result.Documents[0].Id}"))!;
    }

    [Fact]
    public async Task A_valid_room_or_dossier_link_hands_in_while_sessions_and_forms_are_away()
    {
        var lookups = factory.StaffLookups.Calls;
        var (appointmentId, token) = await factory.Tokens.Feed.AppointmentAsync("residents-office", "move");
        var document = await HandInAsync(token, "residents-office");
        Assert.Equal(("session", appointmentId, "residents-office"), (document.Channel, document.SessionId, document.DepartmentKey));
        Assert.Single((await factory.CreateResidentClient(token).GetFromJsonAsync<List<SubmittedDoc>>($"/api/documents/sessions/{appointmentId}"))!);

        var (dossierId, dossierToken) = await factory.Tokens.Feed.DossierAsync("tax-office", "tax-return");
        var result = await (await factory.CreateResidentClient(dossierToken).PostAsync("/api/documents/uploads", OnePdf("receipt"))).SubmittedAsync();
        var forDossier = await Clerk("tax-office").GetFromJsonAsync<InboxDoc>($"/api/documents/{result.Documents[0].Id}");
        Assert.Equal(("upload", dossierId, "tax-office"), (forDossier!.Channel, forDossier.DossierId, forDossier.DepartmentKey));
        Assert.Equal(lookups, factory.StaffLookups.Calls);
    }

    /// <summary>
    /// What a resident hands in with a link goes to the consultation's or dossier's department, whatever its name or
    /// note says: a "Lohnausweis" handed in during a move went to the tax office's inbox by the keyword rule (API probe).
    /// At the kiosk the chosen concern decides likewise; keywords route only a general enquiry (<see cref="RoutingAndInboxTests"/>).
    /// </summary>
    [Fact]
    public async Task A_residents_upload_stays_with_the_consultation_or_dossier_whatever_its_name_says()
    {
        var (roomId, token) = await factory.Tokens.Feed.AppointmentAsync("residents-office", "move");
        var form = Files.Form(("files", "Lohnausweis_2025.pdf", Files.Pdf("salary"), "application/pdf")).With("channel", "session").With("note", "Mein Lohnausweis, Steuer");
        var result = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", form)).SubmittedAsync();
        var document = (await Clerk("residents-office").GetFromJsonAsync<InboxDoc>($"/api/documents/{result.Documents[0].Id}"))!;
        Assert.Equal(("residents-office", "the consultation's department", roomId), (document.DepartmentKey, document.RoutingRule, document.SessionId!.Value));
        Assert.DoesNotContain((await Clerk("tax-office").GetFromJsonAsync<List<InboxDoc>>("/api/documents/inbox"))!, d => d.Id == document.Id);

        var (_, dossierToken) = await factory.Tokens.Feed.DossierAsync("tax-office", "tax-return");
        var receipt = await (await factory.CreateResidentClient(dossierToken).PostAsync("/api/documents/uploads", Files.Form(("files", "Umzug_Mietvertrag.pdf", Files.Pdf("lease2"), "application/pdf")))).SubmittedAsync();
        var forDossier = (await Clerk("tax-office").GetFromJsonAsync<InboxDoc>($"/api/documents/{receipt.Documents[0].Id}"))!;
        Assert.Equal(("tax-office", "the dossier's department"), (forDossier.DepartmentKey, forDossier.RoutingRule));
    }

    /// <summary>
    /// Each status mail of a dossier brings a link of its own. Until 2026-12-07 the upload page opened from the newest
    /// mail listed only what that link had handed in: nothing, though the resident had sent papers with the last one.
    /// </summary>
    [Fact]
    public async Task A_dossiers_newest_link_lists_what_every_link_of_that_dossier_handed_in_and_no_other_dossiers()
    {
        var (dossierId, first) = await factory.Tokens.Feed.DossierAsync("tax-office", "tax-return");
        await (await factory.CreateResidentClient(first).PostAsync("/api/documents/uploads", Files.Form(("files", "beleg.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")))).SubmittedAsync();
        var (otherDossier, other) = await factory.Tokens.Feed.DossierAsync("tax-office", "tax-return");
        await (await factory.CreateResidentClient(other).PostAsync("/api/documents/uploads", Files.Form(("files", "fremd.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")))).SubmittedAsync();

        // The next status mail's link, for the same dossier.
        var (mailed, now) = (CapabilityToken.Create(), DateTimeOffset.UtcNow);
        await factory.Tokens.Feed.PublishAsync(new Municipal.Contracts.Forms.DossierLinkIssued(dossierId, CapabilityToken.Hash(mailed), "tax-office", "tax-return", null, now.AddDays(365), now),
            l => l.TokenHash == CapabilityToken.Hash(mailed));
        var newest = factory.CreateResidentClient(mailed);
        await (await newest.PostAsync("/api/documents/uploads", Files.Form(("files", "nachtrag.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")))).SubmittedAsync();

        Assert.Equal(["beleg.pdf", "nachtrag.pdf"], (await newest.GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!.Select(d => d.FileName));
        Assert.Equal(["beleg.pdf", "nachtrag.pdf"], (await factory.CreateResidentClient(first).GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!.Select(d => d.FileName));
        Assert.Equal(["fremd.pdf"], (await factory.CreateResidentClient(other).GetFromJsonAsync<List<SubmittedDoc>>("/api/documents/uploads/mine"))!.Select(d => d.FileName));
        Assert.NotEqual(dossierId, otherDossier);
    }

    [Fact]
    public async Task Foreign_cancelled_and_expired_links_are_refused_and_tell_nothing_apart()
    {
        var (roomId, token) = await factory.Tokens.Feed.AppointmentAsync();
        await HandInAsync(token, "residents-office");

        // Never issued, and issued but expired: the same 401, the same words.
        var foreign = await factory.CreateResidentClient(CapabilityToken.Create()).PostAsync("/api/documents/uploads", OnePdf());
        var (_, expiredToken) = await factory.Tokens.Feed.TicketAsync(lifetime: TimeSpan.FromMinutes(-1));
        var expired = await factory.CreateResidentClient(expiredToken).PostAsync("/api/documents/uploads", OnePdf());
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(Code(await foreign.Content.ReadFromJsonAsync<JsonElement>()), Code(await expired.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateResidentClient(CapabilityToken.Create()).GetAsync($"/api/documents/sessions/{roomId}")).StatusCode);
        // "What I handed in" too: a made-up link is refused, not answered with an empty list.
        var made = await factory.CreateResidentClient(CapabilityToken.Create()).GetAsync("/api/documents/uploads/mine");
        Assert.Equal(HttpStatusCode.Unauthorized, made.StatusCode);
        Assert.Equal("invalid-link", Code(await made.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Single((await factory.CreateResidentClient(token).GetFromJsonAsync<JsonElement>("/api/documents/uploads/mine")).EnumerateArray());

        // Another resident's valid link does not open this consultation.
        var (_, other) = await factory.Tokens.Feed.TicketAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateResidentClient(other).GetAsync($"/api/documents/sessions/{roomId}")).StatusCode);

        // Cancelled: what was handed in still shows, nothing more is taken.
        await factory.Tokens.Feed.CancelAsync(roomId);
        Assert.Equal(HttpStatusCode.Gone, (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", OnePdf("late"))).StatusCode);
        Assert.Single((await factory.CreateResidentClient(token).GetFromJsonAsync<List<SubmittedDoc>>($"/api/documents/sessions/{roomId}"))!);
    }

    [Fact]
    public async Task A_rescheduled_appointments_new_link_maps_to_its_new_concern_and_the_old_one_stops()
    {
        var (appointmentId, oldToken) = await factory.Tokens.Feed.AppointmentAsync("residents-office", "move");
        var newToken = await factory.Tokens.Feed.RescheduleAsync(appointmentId, 1, "tax-return", "tax-office");

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateResidentClient(oldToken).PostAsync("/api/documents/uploads", OnePdf())).StatusCode);
        var document = await HandInAsync(newToken, "tax-office");
        Assert.Equal((appointmentId, "tax-office", "tax-return"), (document.SessionId!.Value, document.DepartmentKey, document.ConcernKey));
    }

    /// <summary>
    /// The booking event delivered again (an outbox resend after a lost acknowledgement, under a new message id) after
    /// the appointment was moved and cancelled changes nothing. Opening the link is one idempotent statement, with no
    /// inbox row to skip a second delivery (issue 18).
    /// </summary>
    [Fact]
    public async Task A_booking_delivered_again_after_a_move_and_a_cancellation_reopens_nothing()
    {
        var (id, token, now) = (Guid.CreateVersion7(), CapabilityToken.Create(), DateTimeOffset.UtcNow);
        var booked = new AppointmentBooked(id, "move", "residents-office", now.AddHours(1), now.AddHours(1.5), "Erika Muster", "erika@example.org", "de",
            CapabilityToken.Hash(token), now.AddHours(3), now);
        await factory.Tokens.Feed.PublishAsync(booked, l => l.Id == id);
        var movedToken = await factory.Tokens.Feed.RescheduleAsync(id, 1, "move", "residents-office");
        await factory.Tokens.Feed.CancelAsync(id);

        var again = NewId.NextGuid();
        var bus = factory.Services.GetRequiredService<IBus>();
        var consumed = new Consumed(again);
        using (bus.ConnectConsumeObserver(consumed))
        {
            await bus.Publish(booked, c => c.MessageId = again);
            await consumed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", OnePdf())).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await factory.CreateResidentClient(movedToken).PostAsync("/api/documents/uploads", OnePdf())).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        Assert.False(await db.InboxMessages.AnyAsync(m => m.MessageId == again));
        Assert.Equal(1, await db.Set<ResidentLink>().CountAsync(l => l.Id == id));
    }

    [Fact]
    public async Task A_transferred_rooms_link_hands_in_to_the_department_it_went_to()
    {
        // A concern without a rule of its own: the room's department routes it.
        var (roomId, token) = await factory.Tokens.Feed.TicketAsync("residents-office", "other-concern");
        Assert.Equal("residents-office", (await HandInAsync(token, "residents-office")).DepartmentKey);

        await factory.Tokens.Feed.TransferAsync(roomId, "tax-office");
        var after = await HandInAsync(token, "tax-office");
        Assert.Equal((roomId, "tax-office"), (after.SessionId!.Value, after.DepartmentKey));
    }

    [Fact]
    public async Task Links_expired_a_week_ago_are_cleaned_up_and_live_ones_stay()
    {
        var (old, _) = await factory.Tokens.Feed.TicketAsync(lifetime: TimeSpan.FromDays(-8));
        var (recent, _) = await factory.Tokens.Feed.TicketAsync(lifetime: TimeSpan.FromDays(-1));
        var (live, _) = await factory.Tokens.Feed.TicketAsync();

        await factory.Services.GetRequiredService<ResidentLinkCleanup>().RunOnceAsync(CancellationToken.None);

        await using var scope = factory.Services.CreateAsyncScope();
        var kept = await scope.ServiceProvider.GetRequiredService<DocumentDb>().Set<ResidentLink>()
            .Where(l => l.Id == old || l.Id == recent || l.Id == live).Select(l => l.Id).ToListAsync();
        Assert.Equal(new[] { recent, live }.Order(), kept.Order());
    }

    private static string? Code(JsonElement problem) => problem.GetProperty("code").GetString();
}

/// <summary>The race: a link used before its event arrived is answered "come back" (503, Retry-After) for a short grace.</summary>
public sealed class LinkGraceTests(LinkGraceTests.Factory factory) : IClassFixture<LinkGraceTests.Factory>
{
    public sealed class Factory : DocumentFactory
    {
        protected override string LinkGraceSeconds => "3";
    }

    [Fact]
    public async Task A_link_not_known_yet_is_answered_503_until_its_event_arrives_and_an_unknown_one_is_refused_after_the_grace()
    {
        var token = CapabilityToken.Create();
        var early = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Files.Form(("files", "a.pdf", Files.Pdf("a"), null)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), early.Headers.RetryAfter?.Delta);

        await factory.Tokens.Feed.TicketAsync(token: token);
        await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", Files.Form(("files", "a.pdf", Files.Pdf("a"), null)))).SubmittedAsync();

        // A link nobody issued gets the same 503 at first, and the plain refusal once the grace is over.
        var stranger = factory.CreateResidentClient(CapabilityToken.Create());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await stranger.PostAsync("/api/documents/uploads", Files.Form(("files", "b.pdf", Files.Pdf("b"), null)))).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("/api/documents/uploads", Files.Form(("files", "b.pdf", Files.Pdf("b"), null)))).StatusCode);
    }

    /// <summary>
    /// A link a newer one replaced (a move, the links sent again) is refused at once and says so, not answered "come
    /// back" for the grace like a link on its way; its row goes with the expired links.
    /// </summary>
    [Fact]
    public async Task A_replaced_link_is_refused_at_once_as_replaced_within_the_grace()
    {
        var (appointmentId, first) = await factory.Tokens.Feed.AppointmentAsync();
        var second = await factory.Tokens.Feed.RescheduleAsync(appointmentId, 1, "move", "residents-office");
        var third = await factory.Tokens.Feed.RescheduleAsync(appointmentId, 2, "move", "residents-office");

        foreach (var old in new[] { first, second })
        {
            var refused = await factory.CreateResidentClient(old).PostAsync("/api/documents/uploads", Files.Form(("files", "a.pdf", Files.Pdf("a"), null)));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("link-replaced", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateResidentClient(old).GetAsync("/api/documents/uploads/mine")).StatusCode);
        }
        await (await factory.CreateResidentClient(third).PostAsync("/api/documents/uploads", Files.Form(("files", "a.pdf", Files.Pdf("a"), null)))).SubmittedAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        var hashes = new[] { CapabilityToken.Hash(first), CapabilityToken.Hash(second) };
        Assert.Equal(2, await db.Set<ReplacedResidentLink>().CountAsync(r => hashes.Contains(r.TokenHash) && r.LinkId == appointmentId));
    }
}

/// <summary>
/// A booking is anonymous, so one link may hand in only so much altogether (API probe: 20 × 100 MB a request, ten
/// requests a minute, nothing counted across them). Here the allowance is 3 MB.
/// </summary>
public sealed class LinkAllowanceTests(LinkAllowanceTests.Factory factory) : IClassFixture<LinkAllowanceTests.Factory>
{
    public sealed class Factory : DocumentFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Configure() => [.. base.Configure(), new("Documents:MaxBytesPerLink", (3 * 1024 * 1024).ToString())];
    }

    private static MultipartFormDataContent File(string name, int length) => Files.Form(("files", name, Files.PdfOfLength(length), "application/pdf"));

    [Fact]
    public async Task A_link_hands_in_up_to_its_allowance_and_is_then_refused_naming_it()
    {
        var (_, token) = await factory.Tokens.Feed.AppointmentAsync();
        var resident = factory.CreateResidentClient(token);
        await (await resident.PostAsync("/api/documents/uploads", File("first.pdf", 2 * 1024 * 1024))).SubmittedAsync();

        var refused = await resident.PostAsync("/api/documents/uploads", File("second.pdf", 2 * 1024 * 1024 + 512 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("link-quota", problem.GetProperty("reasons").GetProperty("files").GetString());
        Assert.Equal("bytesPerLink", problem.GetProperty("limit").GetString());
        Assert.Equal(3 * 1024 * 1024, problem.GetProperty("max").GetInt64());
        Assert.Single((await resident.GetFromJsonAsync<JsonElement>("/api/documents/uploads/mine")).EnumerateArray());

        // What is left still goes in; another resident's link has its own allowance.
        await (await resident.PostAsync("/api/documents/uploads", File("small.pdf", 512 * 1024))).SubmittedAsync();
        var (_, other) = await factory.Tokens.Feed.AppointmentAsync();
        await (await factory.CreateResidentClient(other).PostAsync("/api/documents/uploads", File("other.pdf", 2 * 1024 * 1024))).SubmittedAsync();
    }

    /// <summary>
    /// Refused files count too (known limit until 2026-12-06): one link sent refused files for ever, each one read and
    /// scanned by clamd. Each refusal counts what was read, at least 1 MB, so this 3 MB link is spent after three.
    /// </summary>
    [Fact]
    public async Task Refused_files_count_against_the_allowance_so_a_link_cannot_send_them_for_ever()
    {
        var (_, token) = await factory.Tokens.Feed.AppointmentAsync();
        var resident = factory.CreateResidentClient(token);
        MultipartFormDataContent Refused() => Files.Form(("files", "notes.txt", System.Text.Encoding.ASCII.GetBytes($"not a document {Guid.NewGuid()}"), "text/plain"));
        for (var i = 0; i < 3; i++)
        {
            var refused = await resident.PostAsync("/api/documents/uploads", Refused());
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("unsupported", (await refused.ProblemAsync()).Reasons["files[0]"]);
        }

        var spent = await resident.PostAsync("/api/documents/uploads", Refused());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, spent.StatusCode);
        var problem = await spent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("link-quota", problem.GetProperty("reasons").GetProperty("files").GetString());
        Assert.Equal("bytesPerLink", problem.GetProperty("limit").GetString());
        Assert.Contains("refused files included", problem.GetProperty("errors").GetProperty("files")[0].GetString());
        // The link is spent for good files as well; another link still hands in.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await resident.PostAsync("/api/documents/uploads", File("late.pdf", 1000))).StatusCode);
        var (_, other) = await factory.Tokens.Feed.AppointmentAsync();
        await (await factory.CreateResidentClient(other).PostAsync("/api/documents/uploads", File("other.pdf", 1000))).SubmittedAsync();
    }

    /// <summary>
    /// Refused uploads were kept for ever (known limit until 2026-12-06). The retention sweep forgets a link's once the
    /// link is no longer valid (expired, or gone from the projection), and a kiosk's once they are older than the hour
    /// its quotas count; what an allowance or quota still counts stays, and still counts.
    /// </summary>
    [Fact]
    public async Task The_retention_sweep_forgets_the_refused_uploads_nothing_counts_any_more()
    {
        var (liveId, live) = await factory.Tokens.Feed.AppointmentAsync();
        var (expiredId, expired) = await factory.Tokens.Feed.AppointmentAsync();
        var (_, device) = await factory.EnrolKioskAsync();
        var (liveHash, expiredHash, goneHash) = (CapabilityToken.Hash(live), CapabilityToken.Hash(expired), CapabilityToken.Hash(CapabilityToken.Create()));
        var now = DateTimeOffset.UtcNow;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
        await db.Database.ExecuteSqlAsync($"UPDATE resident_links SET expires_at = {now.AddMinutes(-1)} WHERE token_hash = {expiredHash}");
        foreach (var link in new[] { (liveId, liveHash), (expiredId, expiredHash), (Guid.NewGuid(), goneHash) })
            await db.ChargeRefusedUploadAsync(link, null, 2 * 1024 * 1024, now.AddDays(-20), default);
        await db.ChargeRefusedUploadAsync(null, device, 59, now.AddMinutes(-59), default);
        await db.ChargeRefusedUploadAsync(null, device, 61, now.AddMinutes(-61), default);

        await factory.Services.GetRequiredService<DocumentRetentionJob>().SweepAsync(now, default);

        var left = await db.RefusedUploads.AsNoTracking()
            .Where(r => r.ResidentTokenHash == liveHash || r.ResidentTokenHash == expiredHash || r.ResidentTokenHash == goneHash || r.KioskDeviceId == device)
            .Select(r => r.ResidentTokenHash ?? r.Bytes.ToString()).ToListAsync();
        Assert.Equal(new[] { "59", liveHash }.Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        // The live link's refusal still counts: 2 of its 3 MB are spent (a link with none spent takes this file).
        var refused = await factory.CreateResidentClient(live).PostAsync("/api/documents/uploads", File("big.pdf", 2 * 1024 * 1024 + 512 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }

    /// <summary>
    /// A move (or the links sent again) gives the link a new token. It started its allowance from nothing, so each
    /// "send me the links again" bought a fresh one, and the upload page, opened from the new mail, listed none of the
    /// files handed in before. The link keeps both: what is left, and what is listed.
    /// </summary>
    [Fact]
    public async Task A_moved_appointments_new_link_goes_on_with_the_old_ones_allowance_and_files()
    {
        var (appointmentId, oldToken) = await factory.Tokens.Feed.AppointmentAsync();
        var before = factory.CreateResidentClient(oldToken);
        await (await before.PostAsync("/api/documents/uploads", File("lease.pdf", 2 * 1024 * 1024))).SubmittedAsync();
        var wrong = await before.PostAsync("/api/documents/uploads", Files.Form(("files", "notes.txt", "not a document"u8.ToArray(), "text/plain")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        var newToken = await factory.Tokens.Feed.RescheduleAsync(appointmentId, 1, "move", "residents-office");
        var after = factory.CreateResidentClient(newToken);
        var mine = await after.GetFromJsonAsync<JsonElement>("/api/documents/uploads/mine");
        Assert.Equal(["lease.pdf"], mine.EnumerateArray().Select(d => d.GetProperty("fileName").GetString()));
        // 2 MB handed in and 1 MB refused of 3 MB: the new token has nothing left.
        var spent = await after.PostAsync("/api/documents/uploads", File("late.pdf", 1000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, spent.StatusCode);
        Assert.Equal("link-quota", (await spent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reasons").GetProperty("files").GetString());
    }
}
