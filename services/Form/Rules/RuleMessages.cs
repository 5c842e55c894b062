using Municipal.ServiceDefaults;

namespace Municipal.Form.Rules;

/// <summary>Default wording per error code; the same table lives in shared/rules.js. A rule may bring its own message.</summary>
internal static class RuleMessages
{
    private static readonly Dictionary<string, (string De, string En, string Fr, string It)> Texts = new()
    {
        ["required"] = ("Bitte ausfüllen.", "Please fill in this field.", "Veuillez remplir ce champ.", "Compilate questo campo."),
        ["requiredTick"] = ("Bitte ankreuzen.", "Please tick this box.", "Veuillez cocher cette case.", "Spuntate questa casella."),
        ["type"] = ("Ungültiger Wert.", "Invalid value.", "Valeur non valable.", "Valore non valido."),
        ["number"] = ("Bitte eine Zahl angeben.", "Please enter a number.", "Veuillez indiquer un nombre.", "Indicate un numero."),
        ["date"] = ("Bitte ein gültiges Datum angeben.", "Please enter a valid date.", "Veuillez indiquer une date valable.", "Indicate una data valida."),
        ["choice"] = ("Bitte eine der Möglichkeiten wählen.", "Please choose one of the options.", "Veuillez choisir l’une des options.", "Scegliete una delle opzioni."),
        ["email"] = ("Bitte eine gültige E-Mail-Adresse angeben.", "Please enter a valid email address.", "Veuillez indiquer une adresse e-mail valable.", "Indicate un indirizzo e-mail valido."),
        ["document"] = ("Bitte eine gültige Dokumentnummer angeben.", "Please enter a valid document reference.", "Veuillez indiquer un numéro de document valable.", "Indicate un numero di documento valido."),
        ["pattern"] = ("Das Format stimmt nicht.", "The format is not valid.", "Le format n’est pas valable.", "Il formato non è valido."),
        ["minLength"] = ("Mindestens {value} Zeichen.", "At least {value} characters.", "Au moins {value} caractères.", "Almeno {value} caratteri."),
        ["maxLength"] = ("Höchstens {value} Zeichen.", "At most {value} characters.", "Au plus {value} caractères.", "Al massimo {value} caratteri."),
        ["min"] = ("Mindestens {value}.", "At least {value}.", "Au moins {value}.", "Almeno {value}."),
        ["max"] = ("Höchstens {value}.", "At most {value}.", "Au plus {value}.", "Al massimo {value}."),
        ["notInFuture"] = ("Das Datum darf nicht in der Zukunft liegen.", "The date must not be in the future.", "La date ne peut pas être dans le futur.", "La data non può essere nel futuro."),
        ["notInPast"] = ("Das Datum darf nicht in der Vergangenheit liegen.", "The date must not be in the past.", "La date ne peut pas être dans le passé.", "La data non può essere nel passato."),
        ["maxDaysAhead"] = ("Das Datum darf höchstens {value} Tage in der Zukunft liegen.", "The date may be at most {value} days ahead.", "La date peut se situer au plus {value} jours dans le futur.", "La data può essere al massimo {value} giorni nel futuro."),
        ["maxDaysAgo"] = ("Das Datum darf höchstens {value} Tage zurückliegen.", "The date may be at most {value} days ago.", "La date peut remonter au plus à {value} jours.", "La data può risalire al massimo a {value} giorni fa."),
        ["minAge"] = ("Das Mindestalter ist {value} Jahre.", "The minimum age is {value} years.", "L’âge minimum est de {value} ans.", "L’età minima è di {value} anni."),
        ["compare"] = ("Der Wert passt nicht zu «{field}».", "The value does not fit “{field}”.", "La valeur ne correspond pas à « {field} ».", "Il valore non corrisponde a «{field}»."),
    };

    public static string For(string code, string language, string value = "", string field = "")
    {
        var (de, en, fr, it) = Texts[code];
        return Languages.Choose(language, de, en, fr, it).Replace("{value}", value).Replace("{field}", field);
    }
}
