namespace Municipal.Form.Apis;

public static class FormApi
{
    public static IEndpointRouteBuilder MapFormApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/forms");
        api.MapGet("/ping", () => TypedResults.Ok(new { service = "forms" })).AllowAnonymous();
        return app;
    }
}
