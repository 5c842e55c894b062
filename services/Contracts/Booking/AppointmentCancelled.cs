namespace Municipal.Contracts.Booking;

/// <summary>An appointment cancelled; <c>Reason</c> says by whom: <see cref="ByResident"/> or <see cref="ByClosure"/> (a day closed by the city).</summary>
public sealed record AppointmentCancelled(Guid AppointmentId, string ConcernKey, string DepartmentKey, DateTimeOffset CancelledAt, string Reason)
{
    public const string ByResident = "resident";
    public const string ByClosure = "closure";
}
