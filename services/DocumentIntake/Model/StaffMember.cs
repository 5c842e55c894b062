namespace Municipal.DocumentIntake.Model;

/// <summary>A staff account as the gateway last announced it (StaffAccountChanged): whom a document may be assigned to.</summary>
public sealed class StaffMember
{
    public Guid StaffId { get; init; }
    public List<string> Roles { get; set; } = [];
    public List<string> Departments { get; set; } = [];
    public bool Active { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The rule of <c>CanActFor</c>: an admin acts for every department.</summary>
    public bool WorksFor(string departmentKey) => Active && (Roles.Contains("admin") || Departments.Contains(departmentKey));
}
