using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Municipal.ServiceDefaults;

/// <summary>
/// Turns the failures that are not the caller's fault into honest problem details instead of a bare 500:
/// malformed requests (400/413), a record changed by someone else at the same moment (409), and another service or
/// dependency that is unreachable (503, retry later).
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Die Anfrage ist ungültig. / The request is not valid."),
            // The last line behind the input guard: a value the database cannot hold (Postgres class 22, e.g. 22021 NUL,
            // 22P05 \u0000 in jsonb, 22001 too long, 22008 date out of range) or a malformed multipart body is the
            // caller's input, not a server fault.
            _ when DataException(exception) || exception is InvalidDataException or System.Text.EncoderFallbackException
                => (StatusCodes.Status400BadRequest, "Die Anfrage ist ungültig. / The request is not valid."),
            HttpRequestException or BrokenCircuitException or TimeoutRejectedException
                => (StatusCodes.Status503ServiceUnavailable, "Vorübergehend nicht verfügbar. / Temporarily unavailable."),
            // The database is overloaded, not the request wrong: EF hands a transient Npgsql failure on wrapped
            // ("likely due to a transient failure" InvalidOperationException, DbUpdateException), so look down the chain.
            _ when TransientDatabase(exception)
                => (StatusCodes.Status503ServiceUnavailable, "Vorübergehend nicht verfügbar. / Temporarily unavailable."),
            // Someone else changed the same record at the same moment, more often than a handler tried again.
            // Or added the same record (a unique key: two admins adding the same closure at once) a moment before.
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException
                => (StatusCodes.Status409Conflict, "Gerade von jemand anderem geändert; bitte erneut versuchen. / Changed by someone else just now; please try again."),
            Microsoft.EntityFrameworkCore.DbUpdateException when Data.DatabaseErrors.IsUniqueViolation(exception)
                => (StatusCodes.Status409Conflict, "Gerade von jemand anderem geändert; bitte erneut versuchen. / Changed by someone else just now; please try again."),
            _ => (0, ""),
        };
        if (status == 0 || context.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning(exception, "Answered {Status} for {Method} {Path}", status, context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }
        Microsoft.AspNetCore.Mvc.ProblemDetails details = new();
        var field = exception switch
        {
            BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: { } path } } => FieldOf(path),
            // No body, or JSON null, where the handler reads an object or a list: the body is the field.
            BadHttpRequestException bad when MissingBody().IsMatch(bad.Message) => "body",
            // A query or route value that does not bind ("take=all" for an int, "staffId=x" for a Guid). Named as the
            // JSON and the query string name it: a value bound through an [AsParameters] record is its property (Take).
            BadHttpRequestException bad when BoundParameter().Match(bad.Message) is { Success: true } parameter =>
                System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups["name"].Value),
            _ => null,
        };
        if (field is not null)
        {
            var errors = new FieldErrors { [field] = field == "body" ? Reasons.BodyRequired : Reasons.WrongFormat };
            details = new HttpValidationProblemDetails(errors.Reasons.ToDictionary(e => e.Key, e => new[] { e.Value.Text }));
            foreach (var (name, value) in Problems.Extensions(errors)) details.Extensions[name] = value;
        }
        details.Status = status;
        details.Title = title;
        details.Detail = status == 503 ? "Bitte versuchen Sie es in einigen Sekunden erneut. / Please try again in a few seconds." : null;
        if (details is not HttpValidationProblemDetails)
        {
            // The pages translate the whole problem by its code, as they do a field's.
            var reason = status switch
            {
                StatusCodes.Status503ServiceUnavailable => new Reason("try-again", "Bitte versuchen Sie es in einigen Sekunden erneut. / Please try again in a few seconds."),
                StatusCodes.Status409Conflict => new Reason("changed-meanwhile", "Gerade von jemand anderem geändert; bitte erneut versuchen. / Changed by someone else just now; please try again."),
                StatusCodes.Status413PayloadTooLarge => Reasons.RequestTooLargeThan(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize),
                StatusCodes.Status415UnsupportedMediaType => Reasons.JsonOnly,
                _ => new Reason("bad-request", "Die Anfrage ist ungültig. / The request is not valid."),
            };
            foreach (var (name, value) in Problems.Coded(reason)) details.Extensions[name] = value;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = details });
    }

    /// <summary>ASP.NET's binding failures: <c>Failed to bind parameter "Guid? staffId" from "x".</c>, <c>Required parameter "int take" was not provided …</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:Failed to bind parameter|Required parameter) ""(?:[^""]*\s)?@?(?<name>[A-Za-z_]\w*)""")]
    private static partial System.Text.RegularExpressions.Regex BoundParameter();

    /// <summary>ASP.NET's words for a body that is missing or JSON <c>null</c>: <c>Implicit body inferred for parameter "T x" but no body was provided …</c>, <c>Required parameter "T x" was not provided from body.</c></summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:Implicit body inferred for parameter ""[^""]*"" but no body was provided|Required parameter ""[^""]*"" was not provided from body)")]
    private static partial System.Text.RegularExpressions.Regex MissingBody();

    private static bool DataException(Exception exception) =>
        (exception as Npgsql.PostgresException ?? exception.InnerException as Npgsql.PostgresException) is { SqlState: var state }
        && state.StartsWith("22", StringComparison.Ordinal);

    /// <summary>
    /// Anywhere in the chain: a pool with no free connection ("The connection pool has been exhausted"), a command
    /// timeout, a dropped connection, too many connections (all <c>IsTransient</c>), a serialization failure (40001),
    /// a deadlock victim (40P01) or a lock not available in time (55P03), or EF giving up after its retries.
    /// </summary>
    internal static bool TransientDatabase(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Npgsql.NpgsqlException { IsTransient: true }
                or Npgsql.PostgresException { SqlState: "40001" or "40P01" or "55P03" }
                or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A JSON path such as <c>$.address.zip</c> or <c>$[2].day</c> as the field name clients know: <c>address.zip</c>, <c>[2].day</c>.</summary>
    internal static string FieldOf(string jsonPath) => jsonPath.TrimStart('$').TrimStart('.') is { Length: > 0 } field ? field : "body";
}
