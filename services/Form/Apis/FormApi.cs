namespace Municipal.Form.Apis;

public static class FormApi
{
    public static IEndpointRouteBuilder MapFormApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/forms")
            .MapDefinitionsApi()
            .MapDraftsApi()
            .MapSigningApi()
            .MapDossiersApi()
            .MapConsultationFormsApi();
        return app;
    }
}
