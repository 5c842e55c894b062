using Microsoft.AspNetCore.Http.HttpResults;
using Municipal.Form.Rules;

namespace Municipal.Form.Apis;

/// <summary>RFC 7807 answers used across the form APIs.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(statusCode: 404, title: $"No {what} {id}.");

    public static ProblemHttpResult Conflict(string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: 409, title: title, detail: detail, extensions: extensions);

    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Rule-engine errors as a validation problem keyed by field id (the ids the definition uses).</summary>
    public static ValidationProblem Fields(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
}
