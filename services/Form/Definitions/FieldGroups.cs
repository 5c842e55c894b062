using System.Text.Json;

namespace Municipal.Form.Definitions;

/// <summary>
/// The person (eCH-0044) and address (eCH-0010) field groups. A definition names the group and, if it needs
/// fewer, the members to <c>include</c>; the loader writes the members out so the served definition is explicit.
/// </summary>
internal static class FieldGroups
{
    /// <summary>
    /// Every ISO 3166-1 country (and Kosovo, whose user-assigned XK the Swiss registers use), Switzerland first and
    /// the rest by German name; pages show the names in their own language, the PDF uses these.
    /// </summary>
    public static readonly IReadOnlyList<FieldOption> Countries = LoadCountries();

    private static readonly JsonElement Ch = JsonDocument.Parse("\"CH\"").RootElement;
    private static readonly JsonElement[] Foreign = Countries.Where(c => c.Value != "CH").Select(c => JsonDocument.Parse($"\"{c.Value}\"").RootElement).ToArray();

    public static FormField Expand(FormField group) => group.Type switch
    {
        _ when group.Fields is { Count: > 0 } => group,
        "person" => group with { Fields = Select(group, Person(group.Id)), Include = null, Optional = null, MemberRules = null },
        "address" => group with { Fields = Select(group, Address(group.Id)), Include = null, Optional = null, MemberRules = null },
        _ => group,
    };

    private static List<FormField> Select(FormField group, IReadOnlyList<FormField> members)
    {
        var include = group.Include ?? members.Select(m => Member(group, m)).ToList();
        var unknown = include.Except(members.Select(m => Member(group, m))).ToList();
        if (unknown.Count > 0) throw new InvalidDataException($"{group.Id}: unknown group members {string.Join(", ", unknown)}.");
        // Without a country the address is Swiss: the Swiss postcode is always asked, the foreign one never.
        var swissOnly = group.Type == "address" && !include.Contains("countryIso2");
        return members
            .Where(m => include.Contains(Member(group, m)) && !(swissOnly && Member(group, m) == "foreignZipCode"))
            .Select(m => swissOnly && Member(group, m) == "swissZipCode" ? m with { VisibleWhen = null } : m)
            .Select(m => group.Optional?.Contains(Member(group, m)) == true ? m with { Required = false } : m)
            // Only the group that describes the resident ("prefill": "self") is filled from what they gave.
            .Select(m => group.Prefill == "self" ? m : m with { Prefill = null })
            .Select(m => group.MemberRules?.GetValueOrDefault(Member(group, m)) is { } extra ? m with { Rules = [.. m.Rules ?? [], .. extra] } : m)
            .ToList();
    }

    private static string Member(FormField group, FormField member) => member.Id[(group.Id.Length + 1)..];

    // eCH-0044 personIdentification: officialName, firstName, sex (1 male, 2 female, 3 unknown), dateOfBirth; plus nationality.
    private static IReadOnlyList<FormField> Person(string g) =>
    [
        new($"{g}.officialName", "text", new("Name (amtlich)", "Official name", "Nom (officiel)", "Cognome (ufficiale)", "Nachname (wie im Ausweis)"), Required: true, Prefill: "surname", Autocomplete: "family-name",
            Rules: [new("maxLength", Number(100))]),
        new($"{g}.firstName", "text", new("Vorname(n)", "First name(s)", "Prénom(s)", "Nome/i", "Alle Vornamen"), Required: true, Prefill: "givenNames", Autocomplete: "given-name",
            Rules: [new("maxLength", Number(100))]),
        new($"{g}.sex", "choice", new("Geschlecht", "Sex", "Sexe", "Sesso", "Geschlecht"), Required: true,
            Options: [Option("1", "männlich", "male", "masculin", "maschile", "männlich"), Option("2", "weiblich", "female", "féminin", "femminile", "weiblich"),
                Option("3", "unbestimmt", "unknown", "indéterminé", "indeterminato", "anderes oder offen")]),
        new($"{g}.dateOfBirth", "date", new("Geburtsdatum", "Date of birth", "Date de naissance", "Data di nascita", "Geburts-Datum"), Required: true, Prefill: "birthDate", Autocomplete: "bday",
            Rules: [new("notInFuture"), new("maxDaysAgo", Number(365 * 130))]),
        new($"{g}.nationality", "choice", new("Staatsangehörigkeit", "Nationality", "Nationalité", "Cittadinanza", "Nationalität (Land vom Pass)"), Required: true, Options: Countries, OptionSet: "countries",
            Prefill: "nationality"),
    ];

    // eCH-0010 addressInformation: street, houseNumber, postOfficeBoxText, swissZipCode or foreignZipCode, town, country.
    private static IReadOnlyList<FormField> Address(string g) =>
    [
        new($"{g}.street", "text", new("Strasse", "Street", "Rue", "Via", "Strasse"), Required: true, Autocomplete: "address-line1", Rules: [new("maxLength", Number(60))]),
        new($"{g}.houseNumber", "text", new("Hausnummer", "House number", "Numéro", "Numero civico", "Haus-Nummer"), Required: true, Rules: [new("maxLength", Number(12))]),
        new($"{g}.postOfficeBoxText", "text", new("Postfach", "Post office box", "Case postale", "Casella postale", "Postfach"),
            Help: new("Nur falls vorhanden.", "Only if you have one.", "Seulement si vous en avez une.", "Solo se ne avete una.",
                "Nur wenn Sie ein Postfach haben. Ein Postfach ist ein Brief-Kasten bei der Post."),
            Rules: [new("maxLength", Number(15))]),
        new($"{g}.countryIso2", "choice", new("Land", "Country", "Pays", "Paese", "Land"), Required: true, Options: Countries, Autocomplete: "country", OptionSet: "countries"),
        new($"{g}.swissZipCode", "text", new("PLZ", "Postcode", "NPA", "NPA", "Post-Leitzahl"), Required: true, Autocomplete: "postal-code",
            VisibleWhen: new(Field: $"{g}.countryIso2", EqualsValue: Ch),
            Rules: [new("pattern", Text("[1-9][0-9]{3}"), Message: new("Bitte eine vierstellige Schweizer Postleitzahl angeben.", "Please enter a four-digit Swiss postcode.",
                "Veuillez indiquer un numéro postal suisse à quatre chiffres.", "Indicate un numero postale svizzero di quattro cifre.",
                "Die Post-Leitzahl in der Schweiz hat 4 Ziffern. Bitte prüfen Sie die Zahl."))]),
        new($"{g}.foreignZipCode", "text", new("Postleitzahl (Ausland)", "Postcode (abroad)", "Code postal (étranger)", "Codice postale (estero)", "Post-Leitzahl im Ausland"), Required: true, Autocomplete: "postal-code",
            VisibleWhen: new(Field: $"{g}.countryIso2", In: Foreign), Rules: [new("maxLength", Number(15))]),
        new($"{g}.town", "text", new("Ort", "Town", "Localité", "Località", "Ort"), Required: true, Autocomplete: "address-level2", Rules: [new("maxLength", Number(40))]),
    ];

    private static List<FieldOption> LoadCountries()
    {
        using var stream = typeof(FieldGroups).Assembly.GetManifestResourceStream("Municipal.Form.Definitions.countries.json")
            ?? throw new InvalidDataException("The country list is not embedded.");
        var countries = JsonSerializer.Deserialize<List<Country>>(stream, FormCatalog.Json)!;
        var german = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("de-CH"), ignoreCase: true);
        return countries.OrderBy(c => c.Code != "CH").ThenBy(c => c.De, german).Select(c => Option(c.Code, c.De, c.En, c.Fr, c.It)).ToList();
    }

    private sealed record Country(string Code, string De, string En, string Fr, string It);

    private static FieldOption Option(string value, string de, string en, string fr, string it, string? easy = null) => new(value, new(de, en, fr, it, easy));

    private static JsonElement Number(int value) => JsonDocument.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement;

    private static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value);
}
