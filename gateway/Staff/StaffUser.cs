using Microsoft.AspNetCore.Identity;

namespace Municipal.Gateway.Staff;

/// <summary>A staff account. Roles are Identity roles; departments and skills are kept as user claims.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public bool Disabled { get; set; }

    /// <summary>The password was set by an admin (new account, reset): the owner chooses their own before anything else.</summary>
    public bool MustChangePassword { get; set; }
}
