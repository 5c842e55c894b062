using System.Text.Json;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// What a WebRTC signal may carry to the other side's page, which hands it to the browser as it comes: an offer or
/// answer is a session description (<c>{type, sdp}</c>, its type the signal's), a candidate an ICE candidate
/// (<c>{candidate, sdpMid, sdpMLineIndex, usernameFragment}</c>), a hang-up next to nothing. Each within a size far
/// above a browser's (a description of a few kB, a candidate of a few hundred bytes): before, anything up to the hub's
/// message size (256 kB) went on, 50 a second, into the other page's memory, which keeps candidates that come before
/// a description.
/// </summary>
public static class SignalData
{
    /// <summary>Characters of a description as JSON (a browser's offer with audio and video: 3–12 kB).</summary>
    public const int MaxDescriptionChars = 64 * 1024;

    /// <summary>Characters of a candidate as JSON (a browser's: 150–400).</summary>
    public const int MaxCandidateChars = 2 * 1024;

    /// <summary>Characters of a hang-up (the pages send <c>{}</c>).</summary>
    public const int MaxHangupChars = 256;

    public static bool IsAcceptable(string? type, JsonElement data) => type switch
    {
        "offer" or "answer" => data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("type", out var kind) && kind.ValueKind == JsonValueKind.String && kind.ValueEquals(type)
            && data.TryGetProperty("sdp", out var sdp) && sdp.ValueKind == JsonValueKind.String
            && data.GetRawText().Length <= MaxDescriptionChars,
        "ice" => data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("candidate", out var candidate) && candidate.ValueKind == JsonValueKind.String
            && data.GetRawText().Length <= MaxCandidateChars,
        "hangup" => data.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
            || data.ValueKind == JsonValueKind.Object && data.GetRawText().Length <= MaxHangupChars,
        _ => false,
    };
}
