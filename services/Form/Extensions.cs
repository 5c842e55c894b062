using Municipal.Form.Data;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Form;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<FormDb>("formdb");
        builder.AddMessaging<FormDb>("forms");
    }
}
