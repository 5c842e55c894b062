using Municipal.IdentityVerification.Checklist;
using Municipal.IdentityVerification.Model;
using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Apis;

/// <summary>The clerk's decision on a verification: verified or rejected, with what was checked and, where needed, why.</summary>
public sealed record DecisionRequest(string? Decision, string? Reason, IReadOnlyList<string>? ConfirmedFeatures, IReadOnlyList<string>? QuestionsAsked)
{
    public const int MaxReasonLength = 500;

    /// <summary>The reason as stored: trimmed, null when none is given.</summary>
    public string? TrimmedReason => string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();

    /// <summary>
    /// Every refused field, each with its reason, judged against the verification's checklist and MRZ and whether its
    /// concern requires a still (<paramref name="stillRequired"/>) and one is stored (<paramref name="stillStored"/>).
    /// A rejection needs only its reason; a verification needs the MRZ, every feature, a question and, where the
    /// booked name differs, a reason.
    /// </summary>
    public FieldErrors Validate(Verification verification, bool stillRequired, bool stillStored)
    {
        var errors = new FieldErrors();
        var reason = Reason?.Trim();
        if (Decision is not ("verified" or "rejected"))
        {
            errors["decision"] = new Reason("decision", "Decide \"verified\" or \"rejected\".");
            return errors;
        }
        if (reason?.Length > MaxReasonLength)
        {
            errors["reason"] = new Reason("reason-length", $"The reason may have at most {MaxReasonLength} characters.").With("max", MaxReasonLength);
        }
        var unknownFeatures = (ConfirmedFeatures ?? []).Where(k => k is null || !verification.Features.Contains(k)).Select(Shown).ToList();
        if (unknownFeatures.Count > 0)
        {
            errors["confirmedFeatures"] = new Reason("unknown-features", $"Not on this verification's checklist: {string.Join(", ", unknownFeatures)}.").With("keys", string.Join(", ", unknownFeatures));
        }
        var unknownQuestions = (QuestionsAsked ?? []).Where(k => k is null || Questions.Find(k) is null).Select(Shown).ToList();
        if (unknownQuestions.Count > 0)
        {
            errors["questionsAsked"] = new Reason("unknown-questions", $"Unknown questions: {string.Join(", ", unknownQuestions)}.").With("keys", string.Join(", ", unknownQuestions));
        }

        if (Decision == "rejected")
        {
            if (string.IsNullOrEmpty(reason)) errors["reason"] = new Reason("rejection-reason", "Say why the identity was rejected.");
            return errors;
        }

        if (verification.DocumentNumberHash is null || !verification.MrzValid || verification.PendingBirthDate is null)
        {
            errors["mrz"] = new Reason("mrz-first", "Check the document's MRZ first: every check digit must hold and the document must not have expired.");
        }
        if (!verification.Features.All(f => ConfirmedFeatures?.Contains(f) == true) && !errors.ContainsKey("confirmedFeatures"))
        {
            errors["confirmedFeatures"] = new Reason("features-unconfirmed", "Confirm all three security features of the checklist.");
        }
        if ((QuestionsAsked?.Count ?? 0) == 0 && !errors.ContainsKey("questionsAsked"))
        {
            errors["questionsAsked"] = new Reason("question-required", "Record at least one question you asked.");
        }
        if (stillRequired && !stillStored)
        {
            errors["still"] = new Reason("still-required", "This concern requires a still of the document, taken with the resident's consent.");
        }
        if (verification.PendingSurname is not null && string.IsNullOrEmpty(reason))
        {
            var comparison = NameComparison.Compare(verification.PendingSurname, verification.PendingGivenNames ?? "", false, verification.CitizenName);
            if (!comparison.AllMatchOrUnknown)
            {
                errors["reason"] = new Reason("name-mismatch", "The document does not match the booking's name: explain why you verify anyway.");
            }
        }
        return errors;
    }

    /// <summary>A key as a refusal names it: an empty or null entry ([null]) as «(empty)», so the list is not blank.</summary>
    private static string Shown(string? key) => string.IsNullOrWhiteSpace(key) ? "(empty)" : key;
}
