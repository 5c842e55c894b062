using Microsoft.AspNetCore.Http.HttpResults;

namespace Municipal.SessionSignaling.Apis;

/// <summary>RFC 7807 answers shared by the room endpoints.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail = "No such room.") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult MissingToken() =>
        TypedResults.Problem("Send the resident's token in the X-Resident-Token header.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
