namespace Municipal.SessionSignaling.Turn;

/// <summary>Configuration <c>Turn:*</c>: the TURN URLs and the secret shared with coturn (<c>static-auth-secret</c>).</summary>
public sealed class TurnOptions
{
    public string? Secret { get; set; }

    public List<string> Urls { get; set; } = [];

    /// <summary>STUN URLs; when none are configured the TURN servers are asked (coturn answers STUN too).</summary>
    public List<string> StunUrls { get; set; } = [];

    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(4);
}
