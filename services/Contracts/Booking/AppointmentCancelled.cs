namespace Municipal.Contracts.Booking;

public sealed record AppointmentCancelled(Guid AppointmentId, string ConcernKey, string DepartmentKey, DateTimeOffset CancelledAt, string Reason);
