using Municipal.IdentityVerification.Model;
using QuestionCatalog = Municipal.IdentityVerification.Checklist.Questions;
using Municipal.ServiceDefaults;
using Municipal.IdentityVerification.Checklist;

namespace Municipal.IdentityVerification.Apis;

/// <summary>What the clerk's panel shows of a verification.</summary>
public sealed record VerificationView(
    Guid Id,
    Guid SessionId,
    string DepartmentKey,
    string? ConcernKey,
    string? CitizenName,
    string Status,
    IReadOnlyList<FeatureView> Features,
    IReadOnlyList<Question> Questions,
    IReadOnlyList<Question> OtherQuestions,
    IReadOnlyList<string> QuestionsAsked,
    DocumentView? Document,
    bool StillRequired,
    bool StillStored,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedByName = null)
{
    public static VerificationView From(Verification v, bool stillRequired, bool stillStored) => new(
        v.Id, v.SessionId, v.DepartmentKey, v.ConcernKey, v.CitizenName, v.Status.ToString().ToLowerInvariant(),
        v.Features.Select(SecurityFeatures.Find).OfType<SecurityFeature>()
            .Select(f => new FeatureView(f.Key, f.Category, f.Label, v.ConfirmedFeatures.Contains(f.Key))).ToList(),
        v.Questions.Select(QuestionCatalog.Find).OfType<Question>().ToList(),
        QuestionCatalog.All.Where(q => !v.Questions.Contains(q.Key)).ToList(),
        v.QuestionsAsked,
        v.DocumentNumberHash is null ? null : new DocumentView(v.DocumentType!, v.IssuingState!, v.DocumentExpiry, v.MrzValid),
        stillRequired, stillStored, v.Reason, v.CreatedAt, v.DecidedAt, v.DecidedByName);
}

public sealed record FeatureView(string Key, string Category, LocalizedText Label, bool Confirmed);

public sealed record DocumentView(string DocumentType, string IssuingState, DateOnly? Expiry, bool MrzValid);
