using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Municipal.ServiceDefaults;

/// <summary>
/// The RFC 7807 answers every service gives: a title that names the kind of problem, a detail that says what
/// happened this time (the pages show it), and validation problems that name the field.
/// </summary>
/// <remarks>
/// A validation problem names each field twice: <c>errors</c> (RFC 7807 / ASP.NET, the English text per field, which
/// every client understands) and <c>reasons</c> (a stable code per field, <c>{ "name": "name-length" }</c>) with
/// <c>reasonArgs</c> (the values the text names, <c>{ "name": { "max": 200 } }</c>). Pages translate the code
/// (<c>shared/problems.js</c>) and fall back to the text. Every other problem (not found, conflict, forbidden, an invalid
/// link, busy …) carries one reason for the whole answer: <c>code</c> and <c>codeArgs</c> beside the English detail.
/// </remarks>
public static class Problems
{
    public static ValidationProblem Field(string field, Reason reason)
    {
        var errors = new FieldErrors();
        errors[field] = reason;
        return Fields(errors);
    }

    public static ValidationProblem Fields(FieldErrors errors, string? title = null, string? type = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.ValidationProblem(
            errors.Reasons.ToDictionary(e => e.Key, e => new[] { e.Value.Text }),
            title: title, type: type, extensions: Extensions(errors, extensions));

    /// <summary>The <c>reasons</c> and <c>reasonArgs</c> members of a validation problem, beside any others given.</summary>
    public static Dictionary<string, object?> Extensions(FieldErrors errors, IDictionary<string, object?>? others = null)
    {
        var extensions = others is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(others);
        extensions["reasons"] = errors.Reasons.ToDictionary(e => e.Key, e => e.Value.Code);
        var args = errors.Reasons.Where(e => e.Value.Args.Count > 0).ToDictionary(e => e.Key, e => e.Value.Args);
        if (args.Count > 0) extensions["reasonArgs"] = args;
        return extensions;
    }

    /// <summary>Without a reason code the pages can only show the English text: prefer <see cref="Field(string, Reason)"/>.</summary>
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Without reason codes the pages can only show the English texts: prefer <see cref="Fields(FieldErrors, string?, string?, IDictionary{string, object?}?)"/>.</summary>
    public static ValidationProblem Fields(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    public static ProblemHttpResult NotFound(Reason reason) => Status(StatusCodes.Status404NotFound, "Not found", reason);

    public static ProblemHttpResult Conflict(Reason reason, IDictionary<string, object?>? extensions = null) =>
        Status(StatusCodes.Status409Conflict, "Conflict", reason, extensions);

    public static ProblemHttpResult Forbidden(Reason reason) => Status(StatusCodes.Status403Forbidden, "Forbidden", reason);

    /// <summary>
    /// A staff address called without a sign-in. Also what the sign-in handlers' events write (a host's authorization
    /// runs before its status code pages, so without them a refused caller got an empty 401 or 403).
    /// </summary>
    public static ProblemHttpResult SignInRequired() => Status(StatusCodes.Status401Unauthorized, "Unauthorized", Reasons.SignInRequired);

    /// <summary>A staff address the caller's role does not open (see <see cref="SignInRequired"/>).</summary>
    public static ProblemHttpResult RoleNotPermitted() => Forbidden(Reasons.RoleNotPermitted);

    /// <summary>A resident's capability token (join, manage, ticket, upload …) that is unknown, used up or expired.</summary>
    public static ProblemHttpResult InvalidToken() =>
        Status(StatusCodes.Status401Unauthorized, "Invalid link", new Reason("invalid-link", "The link is invalid or has expired."));

    public static ProblemHttpResult MissingToken() =>
        Status(StatusCodes.Status401Unauthorized, "Unauthorized", new Reason("missing-token", "Send the resident's token in the X-Resident-Token header."));

    /// <summary>
    /// Too much at once to serve now, or not yet: 503 with the <c>Retry-After</c> the pages (shared/api.js) wait before
    /// they send the same request again. Without it a page can only show an error, so there is no busy answer without.
    /// </summary>
    public static ProblemHttpResult Busy(HttpResponse response, Reason reason, int retryAfterSeconds)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Status(StatusCodes.Status503ServiceUnavailable, "Busy", reason);
    }

    /// <summary>
    /// A problem that is not about one field: its detail is the reason's English text, and it carries the reason's
    /// <c>code</c> (and <c>codeArgs</c>, the values its text names) for the pages to translate, as a validation problem
    /// does per field.
    /// </summary>
    public static ProblemHttpResult Status(int status, string title, Reason reason, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(reason.Text, statusCode: status, title: title, extensions: Coded(reason, extensions));

    /// <summary>The <c>code</c> and <c>codeArgs</c> members of a problem that is not about one field, beside any others given.</summary>
    public static Dictionary<string, object?> Coded(Reason reason, IDictionary<string, object?>? others = null)
    {
        var extensions = others is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(others);
        extensions["code"] = reason.Code;
        if (reason.Args.Count > 0) extensions["codeArgs"] = reason.Args;
        return extensions;
    }
}
