namespace Municipal.Booking.Apis;

/// <summary>A resident asks for the links of their appointments again, sent to the address they booked with.</summary>
public sealed record ResendLinksRequest(string? Email);
