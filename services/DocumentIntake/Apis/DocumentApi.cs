namespace Municipal.DocumentIntake.Apis;

public static class DocumentApi
{
    public static IEndpointRouteBuilder MapDocumentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/documents");
        api.MapGet("/ping", () => TypedResults.Ok(new { service = "documents" })).AllowAnonymous();
        return app;
    }
}
