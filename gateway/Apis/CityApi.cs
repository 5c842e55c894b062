using Microsoft.AspNetCore.Http.HttpResults;
using Municipal.ServiceDefaults;

namespace Municipal.Gateway.Apis;

/// <summary>
/// What the pages need to know about the city before they show a word: the languages it offers
/// (<c>City:Languages</c>, comma-separated, all five by default) and its default (<c>City:DefaultLanguage</c>, German
/// by default), used when neither the resident's choice nor the browser's languages decide.
/// </summary>
public static class CityApi
{
    public static IEndpointRouteBuilder MapCityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/city", Get).AllowAnonymous();
        return app;
    }

    public static Ok<CitySettings> Get(IConfiguration configuration, HttpContext context)
    {
        var settings = CitySettings.From(configuration);
        // Read by every page: a few minutes in the browser's cache spare a request per page.
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(settings);
    }
}
