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
        new("hologram-portrait", "hologram", new("Das Hologramm/Kinegramm zeigt das Porträt und verändert sich beim Kippen.", "The hologram/kinegram shows the portrait and changes when the card is tilted.",
            "L’hologramme ou le kinégramme montre le portrait et change lorsqu’on incline la carte.",
            "L’ologramma o il kinegramma mostra il ritratto e cambia inclinando la carta.")),
        new("kinegram-motion", "hologram", new("Das Kinegramm zeigt beim Kippen Bewegungs- und Farbeffekte.", "The kinegram shows movement and colour effects when tilted.",
            "Le kinégramme montre des effets de mouvement et de couleur lorsqu’on l’incline.",
            "Il kinegramma mostra effetti di movimento e di colore quando lo si inclina.")),
        new("colour-shift-ink", "tilt", new("Die farbwechselnde Druckfarbe (OVI) ändert beim Kippen ihre Farbe.", "The colour-shifting ink (OVI) changes colour when tilted.",
            "L’encre à couleur changeante (OVI) change de couleur lorsqu’on l’incline.",
            "L’inchiostro cangiante (OVI) cambia colore quando lo si inclina.")),
        new("changeable-laser-image", "tilt", new("Das Kippbild (CLI/MLI) zeigt je nach Blickwinkel ein anderes Bild.", "The changeable laser image (CLI/MLI) shows a different image at each angle.",
            "L’image laser changeante (CLI/MLI) montre une autre image selon l’angle de vue.",
            "L’immagine laser variabile (CLI/MLI) mostra un’immagine diversa a seconda dell’angolo.")),
        new("laser-engraved-data", "personalisation", new("Porträt und Daten sind eingelasert, nicht aufgedruckt (keine Kanten, matt).", "Portrait and data are laser-engraved, not printed on top (no edges, matt).",
            "Le portrait et les données sont gravés au laser, non imprimés en surface (sans bords, mats).",
            "Ritratto e dati sono incisi al laser, non stampati in superficie (senza bordi, opachi).")),
        new("ghost-image", "personalisation", new("Das zweite, kleine Porträt stimmt mit dem Hauptbild überein.", "The second, small portrait matches the main portrait.",
            "Le second portrait, plus petit, correspond au portrait principal.",
            "Il secondo ritratto, più piccolo, corrisponde al ritratto principale.")),
        new("guilloche", "print", new("Die feinen Guillochen-Linien sind scharf und ohne Unterbrechung.", "The fine guilloche lines are sharp and unbroken.",
            "Les fines lignes des guillochis sont nettes et sans interruption.",
            "Le sottili linee dei guilloche sono nitide e senza interruzioni.")),
        new("microtext", "print", new("Die Mikroschrift ist beim Heranzoomen lesbar.", "The microtext is readable when zoomed in.",
            "Le microtexte est lisible lorsqu’on agrandit l’image.",
            "La microscrittura è leggibile ingrandendo l’immagine.")),
        new("transparent-window", "window", new("Das transparente Fenster zeigt das Porträt und lässt Licht durch.", "The transparent window shows the portrait and lets light through.",
            "La fenêtre transparente montre le portrait et laisse passer la lumière.",
            "La finestra trasparente mostra il ritratto e lascia passare la luce.")),
        new("edge-profile", "window", new("Die Kartenkante zeigt beim Drehen die geprägte Struktur.", "The card edge shows its embossed structure when turned.",
            "Le bord de la carte montre sa structure en relief lorsqu’on la tourne.",
            "Il bordo della carta mostra la sua struttura in rilievo quando la si gira.")),
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
