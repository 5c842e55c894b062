namespace Municipal.IdentityVerification.Tans;

/// <summary>Sends a text message; the edge of the system where a city plugs in its SMS gateway.</summary>
public interface ISmsProvider
{
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken);
}
