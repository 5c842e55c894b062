using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Gateway.Staff;

/// <summary>Adds the display name (and a pending password change, see <see cref="PasswordChangeGate"/>) to the cookie; roles, departments and skills come from Identity's roles and user claims.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaimTypes.Name, user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(PasswordChangeGate.ClaimType, "true"));
        return identity;
    }
}
