
using Municipal.DocumentIntake.Uploads;

namespace Municipal.DocumentIntake.Apis;

/// <summary>A refused upload, with a stable reason code per field for the pages to translate.</summary>
internal static class UploadProblems
{
    /// <summary>A refused upload as a validation problem naming each field, with stable reason codes for the pages to translate.</summary>
    public static ProblemHttpResult From(UploadRejected rejected) => TypedResults.Problem(Details(rejected));

    /// <summary>A refusal because of a named quota (e.g. a kiosk's <c>filesPerRequest</c>), with the limit and its value.</summary>
    public static ProblemHttpResult OverLimit(UploadRejected rejected, string limit, long max)
    {
        var details = Details(rejected);
        details.Extensions["limit"] = limit;
        details.Extensions["max"] = max;
        return TypedResults.Problem(details);
    }

    private static HttpValidationProblemDetails Details(UploadRejected rejected)
    {
        var details = Coded(rejected);
        if (rejected.Args.Count > 0) details.Extensions["reasonArgs"] = rejected.Args;
        return details;
    }

    private static HttpValidationProblemDetails Coded(UploadRejected rejected) => new(rejected.Errors)
    {
        Status = rejected.Status,
        Title = rejected.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The upload is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The upload must be multipart/form-data.",
            _ => "One or more files or fields were not accepted.",
        },
        Extensions = { ["reasons"] = rejected.Reasons },
    };

    public static ProblemHttpResult Field(string field, string reason, string message) =>
        From(UploadRejected.For(field, reason, message));
}
