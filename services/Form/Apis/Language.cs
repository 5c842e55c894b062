namespace Municipal.Form.Apis;

internal static class Language
{
    /// <summary>German unless the caller asks for English (?lang=en, or Accept-Language preferring English).</summary>
    public static string Of(HttpRequest request)
    {
        if (request.Query["lang"].ToString() is "en" or "de") return request.Query["lang"].ToString();
        var accept = request.Headers.AcceptLanguage.ToString();
        return accept.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "de";
    }
}
