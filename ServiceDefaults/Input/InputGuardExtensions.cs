using Microsoft.AspNetCore.Builder;

namespace Municipal.ServiceDefaults.Input;

public static class InputGuardExtensions
{
    /// <summary>Refuses control characters and far-off dates in queries, routes and JSON bodies with 400 (see <see cref="InputGuard"/>).</summary>
    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) => app.UseMiddleware<InputGuard>();
}
