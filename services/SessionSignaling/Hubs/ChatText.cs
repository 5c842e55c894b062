using Municipal.ServiceDefaults.Input;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// What a chat line may contain. Postgres refuses U+0000 in text (and .NET cannot encode a lone surrogate), so such
/// a line must be refused before it reaches the transcript; other control characters have no place in a chat line
/// either. Line breaks and tabs stay: residents paste addresses. The controls that turn the direction of what
/// follows (U+202A–U+202E, U+2066–U+2069) go too: the other party would read other text than was written; right-to-left
/// writing needs none of them.
/// </summary>
public static class ChatText
{
    /// <summary>The rule of every multi-line text (<see cref="InputText.Refusal"/>), and no direction controls.</summary>
    public static bool IsAcceptable(string text) =>
        InputText.Refusal(text, singleLine: false) is null && InputText.DirectionOverrideRefusal(text) is null;
}
