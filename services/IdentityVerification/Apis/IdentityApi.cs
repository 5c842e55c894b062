namespace Municipal.IdentityVerification.Apis;

public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/identity");
        api.MapMrzApi();
        api.MapVerificationApi();
        api.MapTanApi();
        api.MapConsultationIdentityApi();
        return app;
    }
}
