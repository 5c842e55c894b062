using System.Text.Json;
using Municipal.ServiceDefaults;
using Municipal.Form.Clients;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Contracts.Sessions;

namespace Municipal.Form.Drafts;

/// <summary>
/// Reuse of what the resident already gave: the booking's name and email (through the room) and a verified
/// identity (kept per consultation from IdentityVerified). Only fields the definition marks with a prefill key
/// are filled, so a form never asks for, nor receives, more than its concern needs.
/// </summary>
public sealed class Prefill(FormDb db)
{
    public async Task<Dictionary<string, JsonElement>> ForAsync(FormDefinition definition, RoomView? room, Guid? sessionId, CancellationToken ct, string language = "de")
    {
        var profile = sessionId is { } id ? await db.ResidentProfiles.FindAsync([id], ct) : null;
        var (bookedSurname, bookedGiven) = SplitName(room?.CitizenName);
        var sources = new Dictionary<string, string?>
        {
            ["surname"] = profile?.Surname ?? bookedSurname,
            ["givenNames"] = profile?.GivenNames ?? bookedGiven,
            ["birthDate"] = profile?.BirthDate.ToString("yyyy-MM-dd"),
            ["nationality"] = profile?.Nationality,
            ["email"] = room?.Email,
            ["name"] = room?.CitizenName,
        };
        return Apply(definition, sources, language);
    }

    /// <param name="language">The draft's: a nationality asked as text is written as the country's name in it.</param>
    public static Dictionary<string, JsonElement> Apply(FormDefinition definition, IReadOnlyDictionary<string, string?> sources, string language = "de")
    {
        var values = new Dictionary<string, JsonElement>();
        foreach (var leaf in definition.Leaves())
        {
            if (leaf.Prefill is not { } key || sources.GetValueOrDefault(key) is not { Length: > 0 } value) continue;
            // The nationality comes as ISO 3166-1 alpha-3 (the MRZ's); the field says how it wants it.
            if (key == "nationality")
            {
                if (Nationality(leaf, value, language) is not { } given) continue;
                value = given;
            }
            values[leaf.Id] = JsonSerializer.SerializeToElement(value);
        }
        return values;
    }

    /// <summary>
    /// An alpha-3 nationality as the field takes it: a choice's own option value (alpha-3 or, as the country groups
    /// keep them, alpha-2); a text field the country's name in the draft's language. Null when the field knows no such
    /// country: then it stays empty for the resident to fill.
    /// </summary>
    public static string? Nationality(FormField field, string alpha3, string language)
    {
        var code = alpha3.Trim().ToUpperInvariant();
        var alpha2 = Alpha2.GetValueOrDefault(code);
        if (field.Type == "choice")
            return field.Options?.FirstOrDefault(o => o.Value == code)?.Value ?? (alpha2 is null ? null : field.Options?.FirstOrDefault(o => o.Value == alpha2)?.Value);
        if (field.Type != "text" || alpha2 is null) return null;
        return FieldGroups.Countries.FirstOrDefault(c => c.Value == alpha2)?.Label.For(language);
    }

    /// <summary>ISO 3166-1 alpha-3 to alpha-2 for the countries the forms list (the platform's region data names the pairs).</summary>
    private static readonly Dictionary<string, string> Alpha2 = FieldGroups.Countries
        .Select(c => (Alpha2: c.Value, Alpha3: ThreeLetter(c.Value)))
        .Where(c => c.Alpha3 is { Length: 3 })
        .GroupBy(c => c.Alpha3!).ToDictionary(g => g.Key, g => g.First().Alpha2);

    private static string? ThreeLetter(string alpha2)
    {
        try
        {
            return new System.Globalization.RegionInfo(alpha2).ThreeLetterISORegionName;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A booking has one name field; the last word is taken as the surname until an ID document says better.</summary>
    public static (string? Surname, string? GivenNames) SplitName(string? name)
    {
        var parts = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => (null, null),
            1 => (parts[0], null),
            _ => (parts[^1], string.Join(' ', parts[..^1])),
        };
    }
}
