using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Municipal.ServiceDefaults.Input;

/// <summary>
/// One check in front of every endpoint of every service, so that no handler has to remember it: query values, route
/// values and every string and property name of a JSON body are refused with 400 and the field named when they hold
/// control characters (<see cref="InputText"/>) or a date outside a sane window (<see cref="InputRules"/>). Otherwise
/// such values reach Postgres (NUL: 22021; \u0000 in jsonb: 22P05) or date arithmetic (year 1 or 9999) and answer 500.
/// Runs after authorization, so an anonymous caller of a staff endpoint still gets 401 and learns nothing.
/// </summary>
internal sealed partial class InputGuard(RequestDelegate next, IConfiguration configuration, TimeProvider? clock = null)
{
    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly InputRules rules = configuration.GetSection("Input").Get<InputRules>() ?? new InputRules();

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        // The gateway forwards to a service, which checks for itself; what the gateway answers on its own is checked.
        if (endpoint is null || endpoint.Metadata.Any(m => m.GetType().Namespace?.StartsWith("Yarp.", StringComparison.Ordinal) == true))
        {
            await next(context);
            return;
        }

        var errors = new FieldErrors();
        foreach (var (key, values) in context.Request.Query)
        {
            if (InputText.Refusal(key, singleLine: true) is { } keyProblem) Add(errors, "query", keyProblem);
            foreach (var value in values) CheckSimple(errors, key, value);
        }
        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (value is string text) CheckSimple(errors, key, text);
        }
        if (errors.Count == 0 && IsJson(context.Request))
        {
            // JSON travels as UTF-8 (RFC 8259). Another charset is refused: the walk below reads UTF-8, and the binder
            // answered an unknown one ("ebcdic") with a 500.
            if (!Utf8(context.Request))
            {
                await Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    new Reason("json-utf-8", "JSON wird als UTF-8 erwartet. / JSON is expected as UTF-8.")).ExecuteAsync(context);
                return;
            }
            if (!await CheckBodyAsync(context, errors)) return;
        }

        if (errors.Count > 0)
        {
            await Problems.Fields(errors).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>A query or route value: one line, and a date or year in the strict window.</summary>
    private void CheckSimple(FieldErrors errors, string field, string? value)
    {
        if (value is null) return;
        if (InputText.Refusal(value, singleLine: true) is { } problem)
        {
            Add(errors, field, problem);
            return;
        }
        if (DateProblem(field, value, strict: true) is { } dateProblem)
        {
            Add(errors, field, dateProblem);
            return;
        }
        if (field.EndsWith("year", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year)
            && (year < rules.EarliestYear || year > time.GetUtcNow().Year + rules.YearsAhead))
        {
            Add(errors, field, Reasons.YearRange(rules.EarliestYear, time.GetUtcNow().Year + rules.YearsAhead));
        }
    }

    /// <summary>
    /// Reads the whole JSON body (buffered, so the endpoint reads it again) and walks it. A body larger than
    /// <see cref="InputRules.MaxInspectedBodyBytes"/> is refused, never passed on unchecked: a few padding bytes must
    /// not carry a control character or a year 1 past the check.
    /// </summary>
    /// <returns>False when the answer (413) has been written.</returns>
    private async Task<bool> CheckBodyAsync(HttpContext context, FieldErrors errors)
    {
        var request = context.Request;
        if (request.ContentLength > rules.MaxInspectedBodyBytes)
        {
            await TooLarge(context);
            return false;
        }
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        // A body that breaks off or is too large throws BadHttpRequestException/IOException here; the exception
        // handler answers those with 400 (a client that went away does not read any answer).
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > rules.MaxInspectedBodyBytes)
            {
                await TooLarge(context);
                return false;
            }
        }
        request.Body.Position = 0;
        try
        {
            Walk(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), errors);
        }
        catch (JsonException)
        {
            // Not JSON: the endpoint's binder refuses it with 400 and says where.
        }
        return true;
    }

    private Task TooLarge(HttpContext context) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Payload too large", Reasons.RequestTooLarge(rules.MaxInspectedBodyBytes >> 20))
            .ExecuteAsync(context);

    /// <summary>
    /// The text of a string or property name, or null when it is not valid UTF-8. The binder does not check that for a
    /// value it keeps as a <see cref="JsonElement"/> (a form's field values), whose first read then throws.
    /// </summary>
    private static string? TextOf(ref Utf8JsonReader reader, out bool valid)
    {
        try
        {
            valid = true;
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            valid = false;
            return null;
        }
    }

    private static readonly Reason DuplicateProperty = new Reason("duplicate-property", "This property is given twice.");

    private void Walk(ReadOnlySpan<byte> json, FieldErrors errors)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        // One entry per open object or array: its path, for arrays the next index, for objects the names seen so far.
        var path = new Stack<(string Path, int Index, bool IsArray, HashSet<string>? Names)>();
        string? property = null;
        string Current()
        {
            if (path.Count == 0) return property ?? "body";
            var (parent, index, isArray, _) = path.Peek();
            var segment = isArray ? $"[{index}]" : property ?? "";
            return parent.Length == 0 ? segment : isArray ? parent + segment : $"{parent}.{segment}";
        }
        void Advance()
        {
            if (path.Count > 0 && path.Peek().IsArray)
            {
                var top = path.Pop();
                path.Push(top with { Index = top.Index + 1 });
            }
        }

        // {"day":1,"day":2} binds the last; a tool reading the first would see other data than was stored. Names are
        // compared as the binding does, without case.
        bool NewName(string name)
        {
            var top = path.Pop();
            top.Names ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            path.Push(top);
            return top.Names.Add(name);
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    path.Push((path.Count == 0 ? "" : Current(), 0, reader.TokenType == JsonTokenType.StartArray, null));
                    property = null;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    path.Pop();
                    Advance();
                    break;
                case JsonTokenType.PropertyName:
                    property = TextOf(ref reader, out var validName);
                    if ((validName ? InputText.Refusal(property, singleLine: true) : Reasons.InvalidCharacter) is { } nameProblem)
                    {
                        Add(errors, path.Count > 0 && path.Peek().Path.Length > 0 ? path.Peek().Path : "body", nameProblem);
                        property = "?";
                    }
                    else if (path.Count > 0 && property is not null && !NewName(property)) Add(errors, Current(), DuplicateProperty);
                    break;
                case JsonTokenType.String:
                    var field = Current();
                    var value = TextOf(ref reader, out var valid);
                    if (!valid) Add(errors, field, Reasons.InvalidCharacter);
                    else if (InputText.Refusal(value, InputText.IsSingleLine(field)) is { } problem) Add(errors, field, problem);
                    else if (DateProblem(field, value!, strict: false) is { } dateProblem) Add(errors, field, dateProblem);
                    Advance();
                    break;
                default:
                    Advance();
                    break;
            }
        }
    }

    /// <summary>Why a value that reads as a date (yyyy-MM-dd …) lies outside its window, or null.</summary>
    private Reason? DateProblem(string field, string value, bool strict)
    {
        // Trimmed, as handlers read it: " 0001-01-01" passed the pattern and reached the audit filter's time zone (a 500).
        var match = DateLike().Match(value.Trim());
        if (!match.Success) return null;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        if (field.Contains("birth", StringComparison.OrdinalIgnoreCase))
        {
            return year < rules.EarliestBirthYear || year > now.Year
                ? Reasons.BirthDateRange(rules.EarliestBirthYear)
                : null;
        }
        var dayOnly = match.Groups["time"].Length == 0;
        var earliest = strict || !dayOnly ? rules.EarliestYear : rules.EarliestDayYear;
        var latest = now.Year + rules.YearsAhead;
        return year < earliest || year > latest ? Reasons.DateRange(earliest, latest) : null;
    }

    /// <summary>No charset or exactly "utf-8": the binder answered "utf8" and a quoted "UTF-8" with a 500 too.</summary>
    private static bool Utf8(HttpRequest request) =>
        !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        || type.Charset.Length == 0
        || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type
        && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static void Add(FieldErrors errors, string field, Reason reason)
    {
        if (!errors.ContainsKey(field)) errors[field] = reason;
    }

    [GeneratedRegex(@"^(?<year>[0-9]{4,6})-[0-9]{2}-[0-9]{2}(?<time>[T ][0-9]{2}:[0-9]{2}[0-9:.,]*(Z|[+-][0-9]{2}:?[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();
}
