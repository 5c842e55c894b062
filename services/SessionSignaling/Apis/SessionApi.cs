namespace Municipal.SessionSignaling.Apis;

public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sessions");
        api.MapResidentRoomApi();
        api.MapStaffRoomApi();
        api.MapIceServersApi();
        api.MapDutyApi();
        return app;
    }
}
