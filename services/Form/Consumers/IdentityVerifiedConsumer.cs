using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Identity;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.Form.Model;
using Municipal.Form.Realtime;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Sessions;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.Form.Consumers;

/// <summary>
/// Keeps a verified identity for the consultation's forms, and fills it into forms already open in that
/// consultation where nobody has typed yet. Profiles older than a day are dropped: they serve pre-fill only.
/// A verification counts only if the sessions service confirms that the room belongs to the department the
/// verification was made for: staff of one department cannot fill another department's resident's forms.
/// </summary>
public sealed class IdentityVerifiedConsumer(FormDb db, DraftStore store, FormCatalog catalog, DraftEvents events, CityClock clock,
    SessionsClient sessions, IConfiguration configuration, ILogger<IdentityVerifiedConsumer> logger)
    : Municipal.ServiceDefaults.Messaging.IdempotentConsumer<FormDb, IdentityVerified>(db)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    protected override async Task Handle(IdentityVerified message, ConsumeContext<IdentityVerified> context)
    {
        var ct = context.CancellationToken;
        // Asked as the service "forms" acting for the verification's department: sessions answers only if the room
        // is that department's. An outage throws, and the message is retried.
        var lookup = message.DepartmentKey is { Length: > 0 } department
            ? await sessions.ForStaffAsync(message.SessionId, "Bearer " + InternalToken.IssueForService(configuration, "forms", [department]), ct)
            : null;
        if (lookup?.Room?.DepartmentKey != message.DepartmentKey || message.DepartmentKey is null)
        {
            logger.LogWarning("Verification {VerificationId} for room {SessionId} ignored: made for department {Department}, which is not the room's.",
                message.VerificationId, message.SessionId, message.DepartmentKey ?? "(none)");
            return;
        }
        var now = clock.Now;
        await Db.ResidentProfiles.Where(p => p.ReceivedAt < now - KeepFor).ExecuteDeleteAsync(ct);

        var profile = await Db.ResidentProfiles.FindAsync([message.SessionId], ct);
        if (profile is null) Db.ResidentProfiles.Add(profile = new ResidentProfile { SessionId = message.SessionId, Surname = "", GivenNames = "" });
        // The booked spelling where the document's names are its transliteration ("Öztürk-Müller" for OEZTUERK MUELLER:
        // the MRZ has no accents, umlauts or hyphens; room probe, 2026-12-06); else the MRZ's capitals in the usual case.
        var booked = MrzSpelling.BookedSpelling(lookup?.Room?.CitizenName, message.Surname, message.GivenNames);
        var surname = booked?.Surname ?? NameCase.FromMrz(message.Surname);
        var givenNames = booked?.GivenNames ?? NameCase.FromMrz(message.GivenNames);
        profile.Surname = surname;
        profile.GivenNames = givenNames;
        profile.BirthDate = message.BirthDate;
        profile.Nationality = message.Nationality;
        profile.ReceivedAt = now;

        var announcements = new List<(Guid Draft, string Field, System.Text.Json.JsonElement Value, int Version)>();
        var drafts = await Db.Drafts.AsNoTracking().Where(d => d.SessionId == message.SessionId && d.Status == Draft.Open).ToListAsync(ct);
        foreach (var draft in drafts)
        {
            if (catalog.Find(draft.DefinitionId) is not { } definition) continue;
            var values = Prefill.Apply(definition, new Dictionary<string, string?>
            {
                ["surname"] = surname,
                ["givenNames"] = givenNames,
                ["birthDate"] = message.BirthDate.ToString("yyyy-MM-dd"),
                ["nationality"] = message.Nationality,
            }, draft.Language);
            foreach (var (field, value) in values)
            {
                if (await store.PrefillAsync(draft.Id, field, value, ct) is { } version) announcements.Add((draft.Id, field, value, version));
            }
        }
        await Db.SaveChangesAsync(ct);

        // Announced before the inbox commit: if that fails the message is redelivered and announced again, which the browsers ignore by version.
        foreach (var (draft, field, value, version) in announcements)
            await events.PublishAsync(draft, new { type = "field", field, value, version, by = "identity" });
    }
}
