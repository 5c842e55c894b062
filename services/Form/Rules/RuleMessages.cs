namespace Municipal.Form.Rules;

/// <summary>Default wording per error code; the same table lives in shared/rules.js. A rule may bring its own message.</summary>
internal static class RuleMessages
{
    private static readonly Dictionary<string, (string De, string En)> Texts = new()
    {
        ["required"] = ("Bitte ausfüllen.", "Please fill in this field."),
        ["type"] = ("Ungültiger Wert.", "Invalid value."),
        ["number"] = ("Bitte eine Zahl angeben.", "Please enter a number."),
        ["date"] = ("Bitte ein gültiges Datum angeben.", "Please enter a valid date."),
        ["choice"] = ("Bitte eine der Möglichkeiten wählen.", "Please choose one of the options."),
        ["email"] = ("Bitte eine gültige E-Mail-Adresse angeben.", "Please enter a valid email address."),
        ["document"] = ("Bitte eine gültige Dokumentnummer angeben.", "Please enter a valid document reference."),
        ["pattern"] = ("Das Format stimmt nicht.", "The format is not valid."),
        ["minLength"] = ("Mindestens {value} Zeichen.", "At least {value} characters."),
        ["maxLength"] = ("Höchstens {value} Zeichen.", "At most {value} characters."),
        ["min"] = ("Mindestens {value}.", "At least {value}."),
        ["max"] = ("Höchstens {value}.", "At most {value}."),
        ["notInFuture"] = ("Das Datum darf nicht in der Zukunft liegen.", "The date must not be in the future."),
        ["notInPast"] = ("Das Datum darf nicht in der Vergangenheit liegen.", "The date must not be in the past."),
        ["maxDaysAhead"] = ("Das Datum darf höchstens {value} Tage in der Zukunft liegen.", "The date may be at most {value} days ahead."),
        ["maxDaysAgo"] = ("Das Datum darf höchstens {value} Tage zurückliegen.", "The date may be at most {value} days ago."),
        ["minAge"] = ("Das Mindestalter ist {value} Jahre.", "The minimum age is {value} years."),
        ["compare"] = ("Der Wert passt nicht zu «{field}».", "The value does not fit “{field}”."),
    };

    public static string For(string code, string language, string value = "", string field = "")
    {
        var (de, en) = Texts[code];
        return (language == "en" ? en : de).Replace("{value}", value).Replace("{field}", field);
    }
}
