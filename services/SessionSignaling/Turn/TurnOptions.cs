namespace Municipal.SessionSignaling.Turn;

/// <summary>Configuration <c>Turn:*</c>: the TURN URLs and the secret shared with coturn (<c>static-auth-secret</c>).</summary>
public sealed class TurnOptions
{
    public string? Secret { get; set; }

    public List<string> Urls { get; set; } = [];

    /// <summary>STUN URLs; when none are configured the TURN servers are asked (coturn answers STUN too).</summary>
    public List<string> StunUrls { get; set; } = [];

    /// <summary>
    /// At most this long, and for a resident or guest no longer than their token (plus <see cref="CredentialGrace"/>
    /// for a call that runs over): coturn refreshes an allocation with the same credential, so it must outlast a call,
    /// but a leaked one should not open the relay for long.
    /// </summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(2);

    public TimeSpan CredentialGrace { get; set; } = TimeSpan.FromMinutes(30);
}
