using Municipal.SessionSignaling.Data;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.SessionSignaling;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<SessionDb>("sessiondb");
        builder.AddMessaging<SessionDb>("sessions");
    }
}
