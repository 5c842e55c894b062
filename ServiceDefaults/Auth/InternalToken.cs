using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Municipal.ServiceDefaults.Auth;

/// <summary>
/// The short-lived token in which the gateway passes a signed-in staff member to the services
/// (HMAC-SHA256 with the key in <c>Auth:InternalKey</c>, which only the gateway and the services share).
/// </summary>
public static class InternalToken
{
    public const string Scheme = "Internal";
    public const string Issuer = "municipal-gateway";
    public const string Audience = "municipal-services";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static SymmetricSecurityKey SigningKey(IConfiguration configuration)
    {
        var secret = configuration["Auth:InternalKey"];
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < 32)
        {
            throw new InvalidOperationException("Auth:InternalKey must be set to a secret of at least 32 characters.");
        }
        return new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    public static string Issue(SymmetricSecurityKey key, StaffIdentity staff, TimeSpan? lifetime = null)
    {
        var claims = new List<Claim>
        {
            new(StaffClaimTypes.Id, staff.Id.ToString()),
            new(StaffClaimTypes.Name, staff.Name),
        };
        claims.AddRange(staff.Roles.Select(r => new Claim(StaffClaimTypes.Role, r)));
        claims.AddRange(staff.Departments.Select(d => new Claim(StaffClaimTypes.Department, d)));
        claims.AddRange(staff.Skills.Select(s => new Claim(StaffClaimTypes.Skill, s)));

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now + (lifetime ?? Lifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A token for a call from one service to another, naming the calling service.</summary>
    public static string IssueForService(IConfiguration configuration, string service, IReadOnlyList<string>? departments = null) =>
        Issue(SigningKey(configuration), new StaffIdentity(Guid.Empty, service, [StaffRoles.Service], departments ?? [], []));

    public static TokenValidationParameters ValidationParameters(SymmetricSecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = StaffClaimTypes.Name,
        RoleClaimType = StaffClaimTypes.Role,
    };
}
