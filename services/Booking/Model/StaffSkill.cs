namespace Municipal.Booking.Model;

/// <summary>
/// A clerk handles a concern. Booking keeps its own copy because capacity is "how many clerks can do it"; it follows
/// the staff accounts (<see cref="Consumers.StaffAccountChangedConsumer"/>), and an admin may add capacity here too.
/// </summary>
public sealed class StaffSkill
{
    public Guid StaffId { get; init; }
    public required string ConcernKey { get; init; }
    public required string StaffName { get; set; }
    public required string DepartmentKey { get; set; }
}

/// <summary>The newest staff account state applied for a person (its time), so late events are ignored.</summary>
public sealed class StaffSync
{
    public Guid StaffId { get; init; }
    public DateTimeOffset ChangedAt { get; set; }
}
