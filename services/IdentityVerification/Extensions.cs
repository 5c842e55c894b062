using Municipal.IdentityVerification.Data;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.IdentityVerification;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<IdentityDb>("identitydb");
        builder.AddMessaging<IdentityDb>("identity");
    }
}
