using Municipal.ServiceDefaults;

namespace Municipal.Booking.Model;

/// <summary>
/// The city's own texts (names of departments and concerns, closure reasons) are kept in German, English, French and
/// Italian; German is required, the others may be empty until someone translates them.
/// </summary>
public static class CityTexts
{
    /// <summary>The text in a language, else German: an empty translation is "not yet", never an empty name.</summary>
    public static string In(string? language, string de, string en, string fr, string it)
    {
        var text = Languages.Choose(language, de, en, fr, it);
        return string.IsNullOrWhiteSpace(text) ? de : text;
    }
}
