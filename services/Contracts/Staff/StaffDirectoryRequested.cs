namespace Municipal.Contracts.Staff;

/// <summary>
/// A service that keeps staff accounts (<see cref="StaffAccountChanged"/>) asks for all of them, once its queues are
/// bound: an account published before its queue existed reached no one there. The gateway answers by publishing every
/// account's state again, unless it has begun doing so since it received the ask.
/// </summary>
public sealed record StaffDirectoryRequested(string Service, DateTimeOffset RequestedAt);
