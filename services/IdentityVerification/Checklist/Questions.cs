using System.Security.Cryptography;

namespace Municipal.IdentityVerification.Checklist;

/// <summary>
/// Questions the clerk may ask while the resident holds the document up: knowledge the holder has and
/// movements a recording cannot anticipate (the liveness part of a video identification). Each is written in the four
/// staff languages and in Leichte Sprache, for a room the resident reads in it (the clerk's page shows the resident's
/// text below the clerk's).
/// </summary>
public static class Questions
{
    public const int Suggested = 3;

    public static readonly IReadOnlyList<Question> All =
    [
        new("birth-date", new("Wie lautet Ihr Geburtsdatum?", "What is your date of birth?",
            "Quelle est votre date de naissance\u00a0?",
            "Qual è la vostra data di nascita?",
            "Wann sind Sie geboren? Sagen Sie bitte: den Tag, den Monat und das Jahr.")),
        new("birth-place", new("Wo sind Sie geboren?", "Where were you born?",
            "Quel est votre lieu de naissance\u00a0?",
            "Qual è il vostro luogo di nascita?",
            "In welchem Ort sind Sie geboren?")),
        new("address", new("Wie lautet Ihre aktuelle Wohnadresse?", "What is your current address?",
            "Quelle est votre adresse actuelle\u00a0?",
            "Qual è il vostro indirizzo attuale?",
            "Wo wohnen Sie jetzt? Sagen Sie bitte: die Straße, die Haus-Nummer und den Ort.")),
        new("purpose", new("Für welches Anliegen benötigen Sie die Identifizierung?", "What do you need the identification for?",
            "Pour quelle démarche avez-vous besoin de l’identification\u00a0?",
            "Per quale pratica vi serve l’identificazione?",
            "Was möchten Sie heute bei uns machen? Dafür prüfen wir Ihren Ausweis.")),
        new("tilt-document", new("Bitte kippen Sie das Dokument langsam nach vorne und hinten.", "Please tilt the document slowly forwards and backwards.",
            "Veuillez incliner lentement le document vers l’avant et vers l’arrière.",
            "Inclinate lentamente il documento in avanti e indietro.",
            "Kippen Sie bitte den Ausweis. Langsam nach vorne. Dann langsam nach hinten.")),
        new("cover-portrait", new("Bitte halten Sie einen Finger über einen Teil des Fotos.", "Please hold a finger over part of the portrait.",
            "Veuillez poser un doigt sur une partie de la photo.",
            "Tenete un dito su una parte della foto.",
            "Legen Sie bitte einen Finger auf das Foto im Ausweis.")),
        new("turn-head", new("Bitte drehen Sie den Kopf langsam nach links und rechts.", "Please turn your head slowly to the left and right.",
            "Veuillez tourner lentement la tête vers la gauche et vers la droite.",
            "Girate lentamente la testa a sinistra e a destra.",
            "Drehen Sie bitte langsam den Kopf. Erst nach links. Dann nach rechts.")),
    ];

    private static readonly Dictionary<string, Question> ByKey = All.ToDictionary(q => q.Key);

    public static Question? Find(string key) => ByKey.GetValueOrDefault(key);

    public static IReadOnlyList<Question> Draw()
    {
        var all = All.ToArray();
        RandomNumberGenerator.Shuffle(all.AsSpan());
        return all.Take(Suggested).ToList();
    }
}
