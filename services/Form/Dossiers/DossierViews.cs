using Municipal.Form.Definitions;
using Municipal.Form.Model;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Dossiers;

public sealed record HistoryView(string Status, string? Note, string? StaffName, DateTimeOffset At);

public sealed record AnswerView(string Section, string Label, string Value);

/// <summary>
/// What a resident sees through the status link: no internal notes beyond what staff wrote for them; how they signed;
/// whether the PDF of the submission is printed yet (<see cref="PdfReady"/>; it is printed just after submitting).
/// </summary>
public sealed record ResidentDossierView(
    Guid Id, string Reference, LocalizedText Title, string Status, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<HistoryView> History, string SignatureKind, string SignatureSummary, string DepartmentKey, string ConcernKey, bool PdfReady);

public sealed record DossierSummary(
    Guid Id, string Reference, string DefinitionId, LocalizedText? Title, string ConcernKey, string DepartmentKey, string ApplicantName,
    string Status, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, bool PdfDelivered, bool PdfReady);

/// <summary><see cref="SessionId"/>: the consultation the dossier came from (its identity check and documents), if any.</summary>
public sealed record DossierDetail(
    DossierSummary Dossier, string Email, string Language, string SignatureKind, string SignatureSummary, string ContentSha256,
    IReadOnlyList<AnswerView> Answers, IReadOnlyList<HistoryView> History, IReadOnlyList<string> NextStatuses, Guid? SessionId = null);

internal static class DossierViews
{
    public static IReadOnlyList<HistoryView> History(Dossier d, bool withStaff) =>
        d.History.OrderBy(h => h.At).Select(h => new HistoryView(h.Status, h.Note, withStaff ? h.StaffName : null, h.At)).ToList();

    public static DossierSummary Summary(Dossier d, FormCatalog catalog) => new(
        d.Id, d.Reference, d.DefinitionId, catalog.Find(d.DefinitionId)?.Title, d.ConcernKey, d.DepartmentKey, d.ApplicantName,
        d.Status, d.SubmittedAt, d.UpdatedAt, d.PdfDeliveredAt is not null, d.Pdf is not null);
}
