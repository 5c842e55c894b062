using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Municipal.ServiceDefaults;

/// <summary>
/// The RFC 7807 answers every service gives: a title that names the kind of problem, a detail that says what
/// happened this time (the pages show it), and validation problems that name the field.
/// </summary>
public static class Problems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Fields(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        Status(StatusCodes.Status409Conflict, "Conflict", detail, extensions);

    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, "Forbidden", detail);

    /// <summary>A resident's capability token (join, manage, ticket, upload …) that is unknown, used up or expired.</summary>
    public static ProblemHttpResult InvalidToken() =>
        Status(StatusCodes.Status401Unauthorized, "Invalid link", "The link is invalid or has expired.");

    public static ProblemHttpResult MissingToken() =>
        Status(StatusCodes.Status401Unauthorized, "Unauthorized", "Send the resident's token in the X-Resident-Token header.");

    /// <summary>Too much at once to serve now: the caller may try again shortly.</summary>
    public static ProblemHttpResult Busy(string detail) => Status(StatusCodes.Status503ServiceUnavailable, "Busy", detail);

    public static ProblemHttpResult Status(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
}
