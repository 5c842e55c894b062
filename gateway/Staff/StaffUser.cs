using Microsoft.AspNetCore.Identity;

namespace Municipal.Gateway.Staff;

/// <summary>A staff account. Roles are Identity roles; departments and skills are kept as user claims.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public bool Disabled { get; set; }
}
