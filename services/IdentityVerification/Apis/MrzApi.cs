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
            : TypedResults.ValidationProblem(MrzErrors(result));
    }

    public static Dictionary<string, string[]> MrzErrors(MrzParseResult result) => new() { ["mrz"] = [.. result.Errors] };
}
