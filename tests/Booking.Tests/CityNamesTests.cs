using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Issue 17: the city's own names (departments, concerns, closure reasons) in German, English, French and Italian;
/// every seeded one translated, served in each language, edited per language by an admin with German as the fallback.
/// </summary>
public class CityNamesTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    private static readonly string[] Languages = ["de", "en", "fr", "it"];
    private static readonly DateTimeOffset WednesdayEight = new(2027, 3, 3, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_seeded_name_has_every_language()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
        var missing = new List<string>();
        foreach (var d in await db.Departments.AsNoTracking().ToListAsync())
            Check($"department {d.Key}", d.NameDe, d.NameEn, d.NameFr, d.NameIt);
        // All but the one another test of this class adds (with French left out on purpose).
        foreach (var c in await db.Concerns.AsNoTracking().Where(c => c.Key != "bicycle-registration").ToListAsync())
        {
            Check($"concern {c.Key}", c.NameDe, c.NameEn, c.NameFr, c.NameIt);
            Check($"description of {c.Key}", c.DescriptionDe, c.DescriptionEn, c.DescriptionFr, c.DescriptionIt);
            // A list of documents to bring: the same number of lines in every language (none where German has none).
            string[][] documents = [[.. c.DocumentsDe], [.. c.DocumentsEn], [.. c.DocumentsFr], [.. c.DocumentsIt]];
            for (var i = 0; i < Languages.Length; i++)
                if (documents[i].Length != documents[0].Length || documents[i].Any(string.IsNullOrWhiteSpace))
                    missing.Add($"documents of {c.Key} ({Languages[i]}: {documents[i].Length} of {documents[0].Length})");
            for (var line = 0; line < documents[0].Length; line++)
                Check($"document {line + 1} of {c.Key}", [.. documents.Select(d => d.ElementAtOrDefault(line) ?? "")]);
        }
        foreach (var c in await db.Closures.AsNoTracking().ToListAsync())
            Check($"closure {c.Date}", c.ReasonDe, c.ReasonEn, c.ReasonFr, c.ReasonIt);
        Assert.True(missing.Count == 0, "Untranslated: " + string.Join("; ", missing));

        void Check(string what, params string[] texts)
        {
            for (var i = 0; i < Languages.Length; i++)
                if (string.IsNullOrWhiteSpace(texts[i])) missing.Add($"{what} ({Languages[i]})");
            // A translation copied from German is no translation (proper names like "Naturalisation" aside, French and
            // Italian rarely both equal the German).
            if (texts[2] == texts[0] && texts[3] == texts[0]) missing.Add($"{what} (fr/it copied from de)");
        }
    }

    [Fact]
    public async Task The_catalogue_serves_every_name_in_every_language()
    {
        var catalogue = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/booking/concerns");
        var residents = catalogue.EnumerateArray().Single(d => d.GetProperty("key").GetString() == "residents-office");
        Assert.Equal("Contrôle des habitants", residents.GetProperty("name").GetProperty("fr").GetString());
        Assert.Equal("Controllo abitanti", residents.GetProperty("name").GetProperty("it").GetString());
        // The demo city's concerns (another test of this class adds one of its own, with French left out on purpose).
        foreach (var concern in catalogue.EnumerateArray().SelectMany(d => d.GetProperty("concerns").EnumerateArray())
                     .Where(c => c.GetProperty("key").GetString() != "bicycle-registration"))
            foreach (var language in Languages)
                Assert.False(string.IsNullOrWhiteSpace(concern.GetProperty("name").GetProperty(language).GetString()), $"{concern.GetProperty("key")} {language}");

        var move = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/booking/concerns/move");
        Assert.Equal("Déménagement dans la ville", move.GetProperty("name").GetProperty("fr").GetString());
        Assert.Equal("Trasloco all’interno della città", move.GetProperty("name").GetProperty("it").GetString());
        Assert.Equal(["Carte d’identité ou passeport", "Nouveau contrat de bail"], move.GetProperty("documents").GetProperty("fr").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["Carta d’identità o passaporto", "Nuovo contratto di locazione"], move.GetProperty("documents").GetProperty("it").EnumerateArray().Select(d => d.GetString()));
    }

    [Theory]
    [InlineData("fr", 0, "Annonce d’arrivée", "Contrôle des habitants", "Contrat de bail ou attestation du bailleur")]
    [InlineData("it", 1, "Notifica d’arrivo", "Controllo abitanti", "Contratto di locazione o attestazione del locatore")]
    public async Task Mails_and_their_calendar_name_the_concern_and_department_in_the_residents_language(
        string language, int weeksLater, string concern, string department, string document)
    {
        var email = Mailbox.UniqueAddress();
        var response = await factory.CreateClient().Book("residence-registration", WednesdayEight.AddDays(7 * weeksLater), email, language);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(concern, (await response.Json()).GetProperty("appointment").GetProperty("concernName").GetProperty(language).GetString());

        var mail = (await Mailbox.WaitForAsync(email)).Single();
        Assert.Contains(concern, mail.Subject);
        Assert.Contains($"{concern} ({department})", mail.TextBody);
        // The documents to bring, in the same language (not the German "Mietvertrag oder Wohnungsgeberbestätigung").
        Assert.Contains($"- {document}", mail.TextBody);
        Assert.DoesNotContain("Mietvertrag", mail.TextBody);
        var calendar = mail.Calendar().Replace("\r\n ", "");
        Assert.Contains($"SUMMARY:{concern} – {department}", calendar);
    }

    [Fact]
    public async Task An_admin_names_a_concern_per_language_and_an_empty_one_falls_back_to_German()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var put = await admin.PutAsJsonAsync("/api/booking/admin/concerns/bicycle-registration", new
        {
            departmentKey = "residents-office", nameDe = "Velo-Vignette", nameEn = "", nameFr = "", nameIt = "Contrassegno per bici",
            durationMinutes = 10,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var name = (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/booking/concerns/bicycle-registration")).GetProperty("name");
        Assert.Equal("Velo-Vignette", name.GetProperty("de").GetString());
        Assert.Equal("Contrassegno per bici", name.GetProperty("it").GetString());
        // Not translated: null, so the page shows the city's default language instead of an empty name.
        Assert.Equal(JsonValueKind.Null, name.GetProperty("fr").ValueKind);
        Assert.Equal(JsonValueKind.Null, name.GetProperty("en").ValueKind);

        var department = await admin.PutAsJsonAsync("/api/booking/admin/departments/residents-office", new
        {
            nameDe = "Einwohneramt", nameEn = "Residents' office", nameFr = "Contrôle des habitants", nameIt = "Ufficio controllo abitanti",
            timeZone = "Europe/Zurich", mailboxEmail = "einwohneramt@stadt.example", sortOrder = 1,
        });
        Assert.Equal(HttpStatusCode.OK, department.StatusCode);
        var departments = await admin.GetFromJsonAsync<JsonElement>("/api/booking/admin/departments");
        Assert.Equal("Ufficio controllo abitanti", departments.EnumerateArray().Single(d => d.GetProperty("key").GetString() == "residents-office")
            .GetProperty("name").GetProperty("it").GetString());
        await admin.PutAsJsonAsync("/api/booking/admin/departments/residents-office", new
        {
            nameDe = "Einwohneramt", nameEn = "Residents' office", nameFr = "Contrôle des habitants", nameIt = "Controllo abitanti",
            timeZone = "Europe/Zurich", mailboxEmail = "einwohneramt@stadt.example", sortOrder = 1,
        });
    }

    [Fact]
    public async Task A_client_that_sends_only_German_and_English_keeps_the_other_translations()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var put = await admin.PutAsJsonAsync("/api/booking/admin/concerns/lost-and-found", new
        {
            departmentKey = "residents-office", nameDe = "Fundbüro", nameEn = "Lost and found",
            descriptionDe = "Verlust melden oder Fundsache abholen.", descriptionEn = "Report a loss or collect a found item.",
            durationMinutes = 10, bufferMinutes = 5, documentsDe = new[] { "Beschreibung des Gegenstands" }, documentsEn = new[] { "Description of the item" },
            sortOrder = 8,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var concern = await put.Json();
        Assert.Equal("Objets trouvés", concern.GetProperty("name").GetProperty("fr").GetString());
        Assert.Equal("Oggetti smarriti", concern.GetProperty("name").GetProperty("it").GetString());
        Assert.Equal("Segnalare una perdita o ritirare un oggetto trovato.", concern.GetProperty("description").GetProperty("it").GetString());
        Assert.Equal("Description de l’objet", concern.GetProperty("documents").GetProperty("fr")[0].GetString());
        Assert.Equal("Descrizione dell’oggetto", concern.GetProperty("documents").GetProperty("it")[0].GetString());
    }

    [Fact]
    public async Task An_admin_lists_documents_per_language_and_an_empty_list_falls_back_to_German()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var put = await admin.PutAsJsonAsync("/api/booking/admin/concerns/bicycle-registration", new
        {
            departmentKey = "residents-office", nameDe = "Velo-Vignette", durationMinutes = 10,
            documentsDe = new[] { "Kaufbeleg des Velos", " " }, documentsEn = Array.Empty<string>(), documentsFr = Array.Empty<string>(),
            documentsIt = new[] { " Ricevuta d’acquisto della bici " },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var documents = (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/booking/concerns/bicycle-registration")).GetProperty("documents");
        Assert.Equal(["Kaufbeleg des Velos"], documents.GetProperty("de").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["Ricevuta d’acquisto della bici"], documents.GetProperty("it").EnumerateArray().Select(d => d.GetString()));
        // Not translated: null, so the page shows the city's default language, as for names.
        Assert.Equal(JsonValueKind.Null, documents.GetProperty("fr").ValueKind);
        Assert.Equal(JsonValueKind.Null, documents.GetProperty("en").ValueKind);

        // Mails take the German list where the resident's language has none.
        using var scope = factory.Services.CreateScope();
        var concern = await scope.ServiceProvider.GetRequiredService<BookingDb>().Concerns.AsNoTracking().SingleAsync(c => c.Key == "bicycle-registration");
        Assert.Equal(["Kaufbeleg des Velos"], concern.Documents("fr"));
        Assert.Equal(["Ricevuta d’acquisto della bici"], concern.Documents("it"));
        Assert.Equal(["Kaufbeleg des Velos"], concern.Documents("de-x-ls"));
    }

    [Theory]
    [InlineData("documentsFr")]
    [InlineData("documentsIt")]
    public async Task An_overlong_or_null_document_is_refused_with_the_field_named(string field)
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var response = await admin.PutAsJsonAsync("/api/booking/admin/concerns/dog-registration", new
        {
            departmentKey = "residents-office", nameDe = "Hundeanmeldung", durationMinutes = 15,
            documentsFr = field == "documentsFr" ? new[] { new string('d', 201) } : null,
            documentsIt = field == "documentsIt" ? new string?[] { null } : null,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _), field);
        var dog = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/booking/concerns/dog-registration");
        Assert.Equal("Carnet de vaccination", dog.GetProperty("documents").GetProperty("fr")[1].GetString());
    }

    [Theory]
    [InlineData("nameDe", "", "x")]
    [InlineData("nameIt", "Hundeanmeldung", null)]
    public async Task A_missing_German_name_or_an_overlong_translation_is_refused_with_the_field_named(string field, string nameDe, string? nameIt)
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var response = await admin.PutAsJsonAsync("/api/booking/admin/concerns/dog-registration", new
        {
            departmentKey = "residents-office", nameDe, nameEn = "Dog registration", nameFr = "Enregistrement d’un chien",
            nameIt = nameIt ?? new string('c', 201), durationMinutes = 15,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _), field);
    }
}
