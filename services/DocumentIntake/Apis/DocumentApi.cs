namespace Municipal.DocumentIntake.Apis;

public static class DocumentApi
{
    public static IEndpointRouteBuilder MapDocumentApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/documents")
            .MapUploadApi()
            .MapKioskApi()
            .MapKioskDeviceApi()
            .MapInboxApi()
            .MapInternalApi();
        return app;
    }
}
