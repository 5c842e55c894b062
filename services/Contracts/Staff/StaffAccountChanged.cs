namespace Municipal.Contracts.Staff;

/// <summary>
/// A staff account as it is now, published by the gateway whenever an admin creates or changes one (and for every
/// account when the gateway starts): booking keeps from it who can take which concern. <see cref="Active"/> is false
/// for a disabled account, which then takes nothing. Consumers keep the newest by <see cref="ChangedAt"/>.
/// </summary>
public sealed record StaffAccountChanged(
    Guid StaffId,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> Skills,
    bool Active,
    DateTimeOffset ChangedAt);
