using Microsoft.AspNetCore.Http.HttpResults;
using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Apis;

/// <summary>
/// What the pages need to know about the city before they show a word: the languages it offers
/// (<c>City:Languages</c>, comma-separated, all five by default) and its default (<c>City:DefaultLanguage</c>, German
/// by default), used when neither the resident's choice nor the browser's languages decide; and its time zone
/// (<c>City:TimeZone</c>), in which every page shows dates and times.
/// </summary>
public static class CityApi
{
    public static IEndpointRouteBuilder MapCityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/city", Get).AllowAnonymous();
        return app;
    }

    // Answered by the gateway itself from configuration, without a service behind it: cheap enough for every page
    // (like every /api answer it is not cached, see SecurityHeaders).
    public static Ok<CitySettings> Get(IConfiguration configuration) => TypedResults.Ok(CitySettings.From(configuration));
}
