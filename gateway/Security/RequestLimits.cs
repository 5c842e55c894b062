using Microsoft.AspNetCore.Http.Features;
using Municipal.ServiceDefaults;

namespace Municipal.Gateway;

/// <summary>
/// Request body limits by path: small everywhere, larger where identity stills and signed forms travel, and
/// large only for document uploads (document intake enforces its own per-file and per-submission limits).
/// </summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, IConfiguration configuration)
    {
        var section = configuration.GetSection("RequestLimits");
        var defaultBytes = section.GetValue<long>("DefaultBytes", 1L << 20);
        var byPrefix = new (string Prefix, long Bytes)[]
        {
            ("/api/documents", section.GetValue<long>("DocumentsBytes", 2100L << 20)),
            ("/api/identity", section.GetValue<long>("IdentityBytes", 8L << 20)),
            ("/api/forms", section.GetValue<long>("FormsBytes", 4L << 20)),
        };

        return app.Use((context, next) =>
        {
            var limit = byPrefix.FirstOrDefault(p => context.Request.Path.StartsWithSegments(p.Prefix)).Bytes;
            var max = limit > 0 ? limit : defaultBytes;
            // Kestrel enforces the limit while reading (chunked bodies too); a declared length is refused at once.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = max;
            }
            if (context.Request.ContentLength is { } length && length > max)
            {
                return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Anfrage zu gross / Request too large",
                    Reasons.RequestTooLarge(max / (1 << 20))).ExecuteAsync(context);
            }
            return next(context);
        });
    }
}
