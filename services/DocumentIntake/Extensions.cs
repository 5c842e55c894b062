using Municipal.DocumentIntake.Data;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.DocumentIntake;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<DocumentDb>("documentdb");
        builder.AddMessaging<DocumentDb>("documents");
    }
}
