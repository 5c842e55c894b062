using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Municipal.SessionSignaling.Turn;

/// <summary>An RTCIceServer; STUN entries carry no credentials, and a null would reach the browser as the string "null".</summary>
public sealed record IceServer(
    IReadOnlyList<string> Urls,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Username = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Credential = null);

public sealed record IceServersResponse(IReadOnlyList<IceServer> IceServers, DateTimeOffset ExpiresAt);

/// <summary>
/// Time-limited TURN credentials in coturn's shared-secret scheme (TURN REST API): the username is
/// "&lt;expiry-unix&gt;:&lt;id&gt;" and the password base64(HMAC-SHA1(secret, username)), so coturn checks them without
/// a user database and a leaked credential stops working at its expiry.
/// </summary>
public sealed class IceServers(IOptions<TurnOptions> options, TimeProvider clock)
{
    /// <param name="tokenExpiresAt">When the caller's token expires (residents and guests): credentials end soon after.</param>
    public IceServersResponse For(string id, DateTimeOffset? tokenExpiresAt = null)
    {
        var turn = options.Value;
        var expiresAt = clock.GetUtcNow() + turn.CredentialLifetime;
        if (tokenExpiresAt + turn.CredentialGrace is { } end && end < expiresAt) expiresAt = end;
        var servers = new List<IceServer>();

        var stun = turn.StunUrls.Count > 0 ? turn.StunUrls : StunFromTurn(turn.Urls);
        if (stun.Count > 0) servers.Add(new IceServer(stun));

        if (turn.Urls.Count > 0 && !string.IsNullOrEmpty(turn.Secret))
        {
            var username = $"{expiresAt.ToUnixTimeSeconds()}:{id}";
            servers.Add(new IceServer(turn.Urls, username, Credential(turn.Secret, username)));
        }
        return new IceServersResponse(servers, expiresAt);
    }

    public static string Credential(string secret, string username) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));

    /// <summary>"turn:host:port?transport=udp" → "stun:host:port", once per host and port.</summary>
    private static List<string> StunFromTurn(IEnumerable<string> turnUrls) => turnUrls
        .Where(u => u.StartsWith("turn:", StringComparison.OrdinalIgnoreCase))
        .Select(u => "stun:" + u["turn:".Length..].Split('?')[0])
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();
}
