namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// What a chat line may contain. Postgres refuses U+0000 in text (and .NET cannot encode a lone surrogate), so such
/// a line must be refused before it reaches the transcript; other control characters have no place in a chat line
/// either. Line breaks and tabs stay: residents paste addresses.
/// </summary>
public static class ChatText
{
    public static bool IsAcceptable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) return false;
            if (char.IsHighSurrogate(c) && (i + 1 == text.Length || !char.IsLowSurrogate(text[++i]))) return false;
            if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }
}
