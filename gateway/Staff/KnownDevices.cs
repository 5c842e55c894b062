using Microsoft.AspNetCore.DataProtection;

namespace Municipal.Gateway.Staff;

/// <summary>
/// Browsers a staff member has signed in from before ("device cookies", OWASP): an encrypted, HttpOnly cookie
/// listing the accounts that signed in successfully on it. The lockout after repeated failures stops guessing from
/// unknown devices only, so nobody can keep the owner out of their account by failing on purpose: the owner's own
/// browser still passes with the right password (and code).
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection)
{
    public const string CookieName = "municipal.device";

    private readonly IDataProtector protector = protection.CreateProtector("municipal.known-device");

    public bool IsKnown(HttpContext context, Guid userId) => Read(context).Contains(userId);

    public void Remember(HttpContext context, Guid userId)
    {
        // A shared counter PC keeps the last few accounts that used it.
        var ids = Read(context).Where(id => id != userId).Prepend(userId).Take(10);
        context.Response.Cookies.Append(CookieName, protector.Protect(string.Join(',', ids)), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/api/auth",
            MaxAge = TimeSpan.FromDays(180),
            IsEssential = true,
        });
    }

    private List<Guid> Read(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value) return [];
        try
        {
            return protector.Unprotect(value).Split(',').Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }
    }
}
