using System.Security.Cryptography;

namespace Municipal.IdentityVerification.Checklist;

/// <summary>
/// The catalogue the checklist is drawn from. Like the VideoIdent rules, each check picks features at random
/// from different categories, so a resident cannot prepare a forgery for a known list. Only features that can
/// be seen through a camera are listed (no UV or tactile checks).
/// </summary>
public static class SecurityFeatures
{
    public const int PerVerification = 3;

    public static readonly IReadOnlyList<SecurityFeature> All =
    [
        new("hologram-portrait", "hologram", new("Das Hologramm/Kinegramm zeigt das Porträt und verändert sich beim Kippen.", "The hologram/kinegram shows the portrait and changes when the card is tilted.")),
        new("kinegram-motion", "hologram", new("Das Kinegramm zeigt beim Kippen Bewegungs- und Farbeffekte.", "The kinegram shows movement and colour effects when tilted.")),
        new("colour-shift-ink", "tilt", new("Die farbwechselnde Druckfarbe (OVI) ändert beim Kippen ihre Farbe.", "The colour-shifting ink (OVI) changes colour when tilted.")),
        new("changeable-laser-image", "tilt", new("Das Kippbild (CLI/MLI) zeigt je nach Blickwinkel ein anderes Bild.", "The changeable laser image (CLI/MLI) shows a different image at each angle.")),
        new("laser-engraved-data", "personalisation", new("Porträt und Daten sind eingelasert, nicht aufgedruckt (keine Kanten, matt).", "Portrait and data are laser-engraved, not printed on top (no edges, matt).")),
        new("ghost-image", "personalisation", new("Das zweite, kleine Porträt stimmt mit dem Hauptbild überein.", "The second, small portrait matches the main portrait.")),
        new("guilloche", "print", new("Die feinen Guillochen-Linien sind scharf und ohne Unterbrechung.", "The fine guilloche lines are sharp and unbroken.")),
        new("microtext", "print", new("Die Mikroschrift ist beim Heranzoomen lesbar.", "The microtext is readable when zoomed in.")),
        new("transparent-window", "window", new("Das transparente Fenster zeigt das Porträt und lässt Licht durch.", "The transparent window shows the portrait and lets light through.")),
        new("edge-profile", "window", new("Die Kartenkante zeigt beim Drehen die geprägte Struktur.", "The card edge shows its embossed structure when turned.")),
    ];

    private static readonly Dictionary<string, SecurityFeature> ByKey = All.ToDictionary(f => f.Key);

    public static SecurityFeature? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>Three features, each from a different category, chosen with a cryptographic random source.</summary>
    public static IReadOnlyList<SecurityFeature> Draw()
    {
        var categories = All.Select(f => f.Category).Distinct().ToArray();
        RandomNumberGenerator.Shuffle(categories.AsSpan());
        return categories.Take(PerVerification).Select(category =>
        {
            var candidates = All.Where(f => f.Category == category).ToArray();
            return candidates[RandomNumberGenerator.GetInt32(candidates.Length)];
        }).ToList();
    }
}
