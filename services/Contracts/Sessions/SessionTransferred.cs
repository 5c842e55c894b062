namespace Municipal.Contracts.Sessions;

public sealed record SessionTransferred(Guid SessionId, Guid FromStaffId, Guid? ToStaffId, string? ToDepartmentKey, DateTimeOffset TransferredAt);
