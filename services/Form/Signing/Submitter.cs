using System.Security.Cryptography;
using System.Text.Json;
using Municipal.Contracts.Forms;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.Form.Model;
using Municipal.Form.Pdf;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Signing;

/// <summary>
/// Turns a signed draft into a dossier: the page its PDF is printed from, the first history entry, a status link, and
/// the events. The PDF itself is printed after the answer, by the FormSubmitted consumer: a resident never waits on a
/// Chromium starting on a busy machine.
/// </summary>
public sealed class Submitter(FormDb db, CityClock clock)
{
    public static readonly TimeSpan StatusLinkLifetime = TimeSpan.FromDays(365);
    private const string ReferenceAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public sealed record Submitted(Guid DossierId, string Reference, string StatusToken, string ContentSha256);

    public async Task<Submitted> SubmitAsync(Draft draft, FormDefinition definition, Dictionary<string, JsonElement> values, string contentHash, CancellationToken ct)
    {
        var now = clock.Now;
        var reference = $"F-{clock.Local(now).Year}-{RandomNumberGenerator.GetString(ReferenceAlphabet, 6)}";
        var html = SubmissionDocument.Html(new SubmissionDocument.Content(
            definition, values, reference, draft.Language, clock.Local(now), draft.SignatureKind!, draft.SignatureImage, draft.SignatureSummary!, contentHash));

        var dossier = new Dossier
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            // The draft's: a form's own, or for the confirmation of a consultation, the consultation's.
            ConcernKey = draft.ConcernKey,
            DepartmentKey = draft.DepartmentKey,
            SessionId = draft.SessionId,
            DraftId = draft.Id,
            ApplicantName = ApplicantName(definition, values),
            Email = definition.Leaves().Where(f => f.Type == "email").Select(f => values[f.Id].GetString()!.Trim()).First(),
            Language = draft.Language,
            Status = DossierStatus.Received,
            FieldValues = ContentHash.CanonicalJson(definition, values),
            ContentSha256 = contentHash,
            SignatureKind = draft.SignatureKind!,
            SignatureImage = draft.SignatureImage,
            SignatureSummary = draft.SignatureSummary!,
            PdfSource = html,
            SubmittedAt = now,
            UpdatedAt = now,
        };
        dossier.History.Add(new DossierHistoryEntry { Id = Guid.CreateVersion7(), Status = DossierStatus.Received, At = now });
        var token = CapabilityToken.Create();
        db.Dossiers.Add(dossier);
        var link = new DossierToken { TokenHash = CapabilityToken.Hash(token), DossierId = dossier.Id, ExpiresAt = now + StatusLinkLifetime };
        db.DossierTokens.Add(link);
        db.Publish(LinkIssued(dossier, link, now));

        draft.Status = Draft.Submitted;
        draft.UpdatedAt = now;

        db.Publish(new FormSubmitted(Guid.CreateVersion7(), dossier.Id, definition.Id, dossier.ConcernKey, dossier.DepartmentKey,
            draft.SessionId, contentHash, dossier.SignatureKind, now));
        db.Publish(new DossierStatusChanged(dossier.Id, dossier.DepartmentKey, "", DossierStatus.Received, null, null, now));
        await db.SaveChangesAsync(ct);
        return new Submitted(dossier.Id, reference, token, contentHash);
    }

    /// <summary>Tells document intake the link (by its hash) so it accepts uploads for the dossier without asking forms.</summary>
    public static DossierLinkIssued LinkIssued(Dossier dossier, DossierToken link, DateTimeOffset now) =>
        new(dossier.Id, link.TokenHash, dossier.DepartmentKey, dossier.ConcernKey, dossier.SessionId, link.ExpiresAt, now);

    /// <summary>The name on the dossier: the resident's own person group ("prefill": "self"), else the first one.</summary>
    private static string ApplicantName(FormDefinition definition, Dictionary<string, JsonElement> values)
    {
        var groups = definition.Sections.SelectMany(s => s.Fields).Where(f => f.Type == "person").ToList();
        foreach (var group in groups.OrderBy(g => g.Prefill == "self" ? 0 : 1))
        {
            string Part(string member) => values.TryGetValue($"{group.Id}.{member}", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : "";
            var name = $"{Part("firstName")} {Part("officialName")}".Trim();
            if (name.Length > 0) return name;
        }
        return "";
    }
}
