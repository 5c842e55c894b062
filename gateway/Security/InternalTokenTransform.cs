using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults.Auth;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Municipal.Gateway.Security;

/// <summary>
/// What crosses from the internet to a service: never the client's own Authorization header or the staff cookie;
/// for a signed-in staff member, a five-minute internal token the services validate.
/// </summary>
public static class InternalTokenTransform
{
    public static void Apply(TransformBuilderContext builder, SymmetricSecurityKey key)
    {
        builder.AddRequestTransform(context =>
        {
            var headers = context.ProxyRequest.Headers;
            headers.Authorization = null;
            headers.Remove("Cookie");
            var user = context.HttpContext.User;
            if (user.IsSignedIn())
            {
                headers.Authorization = new AuthenticationHeaderValue("Bearer", InternalToken.Issue(key, user.ToStaff()));
            }
            return ValueTask.CompletedTask;
        });
    }
}
