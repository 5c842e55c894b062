using Microsoft.Extensions.FileProviders;

namespace Municipal.Gateway.Pages;

/// <summary>
/// A browser that asks for a page nobody serves (a mistyped or outdated link) gets a page, in the resident's language
/// with the way back to the start, not a problem document: wwwroot/citizen/not-found.html, with the status 404. An
/// API call, a hub, a script or a style that is missing stays a problem (they do not ask for HTML).
/// </summary>
public static class NotFoundPage
{
    private const string Page = "/not-found.html";

    public static IApplicationBuilder UseNotFoundPage(this IApplicationBuilder app, IFileProvider citizenPages) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted || !IsPageRequest(context.Request)) return;
        var page = citizenPages.GetFileInfo(Page);
        if (!page.Exists) return;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = page.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await using var content = page.CreateReadStream();
        await content.CopyToAsync(context.Response.Body, context.RequestAborted);
    });

    /// <summary>A browser opening a page: a GET or HEAD that accepts HTML, outside the API and the hubs.</summary>
    private static bool IsPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hubs")
        && request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
