using Municipal.ServiceDefaults;

namespace Municipal.Form.Apis;

internal static class Language
{
    /// <summary>
    /// The caller's language: ?lang= when it is one of ours, else the first of Accept-Language we speak
    /// (a bare "fr-CH" counts as "fr"), else German.
    /// </summary>
    public static string Of(HttpRequest request)
    {
        var asked = request.Query["lang"].ToString();
        if (Languages.IsKnown(asked)) return asked;
        foreach (var part in request.Headers.AcceptLanguage.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tag = part.Split(';')[0].Trim().ToLowerInvariant();
            if (Languages.IsKnown(tag)) return tag;
            if (Languages.IsKnown(tag.Split('-')[0])) return tag.Split('-')[0];
        }
        return Languages.German;
    }
}
