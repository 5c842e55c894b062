using Municipal.ServiceDefaults;

namespace Municipal.Form.Rules;

/// <summary>
/// Default wording per error code in German, English, French, Italian and Leichte Sprache; the same table lives in
/// shared/rules.js. A rule may bring its own message.
/// </summary>
internal static class RuleMessages
{
    private static readonly Dictionary<string, (string De, string En, string Fr, string It, string Easy)> Texts = new()
    {
        ["required"] = ("Bitte ausfüllen.", "Please fill in this field.", "Veuillez remplir ce champ.", "Compilate questo campo.",
            "Bitte füllen Sie dieses Feld aus."),
        ["requiredTick"] = ("Bitte ankreuzen.", "Please tick this box.", "Veuillez cocher cette case.", "Spuntate questa casella.",
            "Bitte machen Sie hier ein Häkchen."),
        ["type"] = ("Ungültiger Wert.", "Invalid value.", "Valeur non valable.", "Valore non valido.",
            "Diese Angabe passt hier nicht. Bitte prüfen Sie die Angabe."),
        ["number"] = ("Bitte eine Zahl angeben.", "Please enter a number.", "Veuillez indiquer un nombre.", "Indicate un numero.",
            "Bitte schreiben Sie hier eine Zahl."),
        ["date"] = ("Bitte ein gültiges Datum angeben.", "Please enter a valid date.", "Veuillez indiquer une date valable.", "Indicate una data valida.",
            "Bitte schreiben Sie hier ein richtiges Datum."),
        ["choice"] = ("Bitte eine der Möglichkeiten wählen.", "Please choose one of the options.", "Veuillez choisir l’une des options.", "Scegliete una delle opzioni.",
            "Bitte suchen Sie etwas aus der Liste aus."),
        ["email"] = ("Bitte eine gültige E-Mail-Adresse angeben.", "Please enter a valid email address.", "Veuillez indiquer une adresse e-mail valable.", "Indicate un indirizzo e-mail valido.",
            "Bitte prüfen Sie die E-Mail-Adresse. Eine E-Mail-Adresse sieht so aus: name@beispiel.ch"),
        ["document"] = ("Bitte eine gültige Dokumentnummer angeben.", "Please enter a valid document reference.", "Veuillez indiquer un numéro de document valable.", "Indicate un numero di documento valido.",
            "Bitte prüfen Sie die Dokument-Nummer. Die Nummer steht in der Bestätigung vom Hochladen."),
        ["pattern"] = ("Das Format stimmt nicht.", "The format is not valid.", "Le format n’est pas valable.", "Il formato non è valido.",
            "Diese Angabe stimmt so nicht. Bitte prüfen Sie die Angabe."),
        ["minLength"] = ("Mindestens {value} Zeichen.", "At least {value} characters.", "Au moins {value} caractères.", "Almeno {value} caratteri.",
            "Das ist zu kurz. Bitte schreiben Sie mindestens {value} Zeichen."),
        ["maxLength"] = ("Höchstens {value} Zeichen.", "At most {value} characters.", "Au plus {value} caractères.", "Al massimo {value} caratteri.",
            "Das ist zu lang. Bitte schreiben Sie höchstens {value} Zeichen."),
        ["min"] = ("Mindestens {value}.", "At least {value}.", "Au moins {value}.", "Almeno {value}.",
            "Die Zahl ist zu klein. Die kleinste Zahl ist {value}."),
        ["max"] = ("Höchstens {value}.", "At most {value}.", "Au plus {value}.", "Al massimo {value}.",
            "Die Zahl ist zu gross. Die grösste Zahl ist {value}."),
        ["notInFuture"] = ("Das Datum darf nicht in der Zukunft liegen.", "The date must not be in the future.", "La date ne peut pas être dans le futur.", "La data non può essere nel futuro.",
            "Dieses Datum ist in der Zukunft. Bitte nehmen Sie heute oder ein Datum vor heute."),
        ["notInPast"] = ("Das Datum darf nicht in der Vergangenheit liegen.", "The date must not be in the past.", "La date ne peut pas être dans le passé.", "La data non può essere nel passato.",
            "Dieses Datum ist schon vorbei. Bitte nehmen Sie heute oder ein Datum nach heute."),
        ["maxDaysAhead"] = ("Das Datum darf höchstens {value} Tage in der Zukunft liegen.", "The date may be at most {value} days ahead.", "La date peut se situer au plus {value} jours dans le futur.", "La data può essere al massimo {value} giorni nel futuro.",
            "Dieses Datum ist zu weit weg. Es darf höchstens {value} Tage nach heute sein."),
        ["maxDaysAgo"] = ("Das Datum darf höchstens {value} Tage zurückliegen.", "The date may be at most {value} days ago.", "La date peut remonter au plus à {value} jours.", "La data può risalire al massimo a {value} giorni fa.",
            "Dieses Datum ist zu lange her. Es darf höchstens {value} Tage vor heute sein."),
        ["minAge"] = ("Das Mindestalter ist {value} Jahre.", "The minimum age is {value} years.", "L’âge minimum est de {value} ans.", "L’età minima è di {value} anni.",
            "Die Person muss mindestens {value} Jahre alt sein."),
        ["compare"] = ("Der Wert passt nicht zu «{field}».", "The value does not fit “{field}”.", "La valeur ne correspond pas à « {field} ».", "Il valore non corrisponde a «{field}».",
            "Das passt nicht zu «{field}». Bitte prüfen Sie beide Angaben."),
    };

    public static IEnumerable<string> Codes => Texts.Keys;

    public static string For(string code, string language, string value = "", string field = "")
    {
        var (de, en, fr, it, easy) = Texts[code];
        return Languages.Choose(language, de, en, fr, it, easy).Replace("{value}", value).Replace("{field}", field);
    }
}
