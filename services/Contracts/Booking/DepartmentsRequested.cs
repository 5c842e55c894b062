namespace Municipal.Contracts.Booking;

/// <summary>A service that keeps departments asks booking for all of them (<see cref="DepartmentChanged"/> each).</summary>
public sealed record DepartmentsRequested(string Service, DateTimeOffset RequestedAt);
