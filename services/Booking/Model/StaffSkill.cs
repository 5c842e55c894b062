namespace Municipal.Booking.Model;

/// <summary>A clerk handles a concern. Booking keeps its own copy because capacity is "how many clerks can do it".</summary>
public sealed class StaffSkill
{
    public Guid StaffId { get; init; }
    public required string ConcernKey { get; init; }
    public required string StaffName { get; set; }
    public required string DepartmentKey { get; set; }
}
