using Municipal.IdentityVerification.Mrz;
using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Apis;

public static class MrzApi
{
    public static RouteGroupBuilder MapMrzApi(this RouteGroupBuilder api)
    {
        api.MapPost("/mrz", CheckMrz);
        return api;
    }

    public sealed record MrzRequest(string? Mrz);

    /// <summary>Parses and checks an MRZ typed or corrected by a clerk; nothing is stored.</summary>
    public static Results<Ok<MrzDocument>, ValidationProblem> CheckMrz(MrzRequest request, CityClock calendar)
    {
        var result = MrzParser.Parse(request.Mrz, calendar.Today);
        return result.Document is { } document
            ? TypedResults.Ok(document)
            : MrzProblem(result);
    }

    /// <summary>
    /// Every structural fault the parser found (line count, lengths, characters, in English) under <c>mrz</c>; the
    /// reason code is the first fault's, which the page shows in its language (a clerk corrects one fault at a time).
    /// </summary>
    public static ValidationProblem MrzProblem(MrzParseResult result) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mrz"] = [.. result.Errors] },
            extensions: Problems.Extensions(new FieldErrors { ["mrz"] = result.Reasons.FirstOrDefault() ?? new Reason("mrz-unreadable", string.Join(" ", result.Errors)) }));
}
