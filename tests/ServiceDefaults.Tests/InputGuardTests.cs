using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// The input guard every service gets from MapDefaultEndpoints: control characters and far-off dates in queries,
/// routes and JSON bodies answer 400 with the field named before a handler (and Postgres) sees them.
/// </summary>
public sealed class InputGuardTests : IAsyncLifetime
{
    private sealed record Person(string? Name, string? Note, DateTimeOffset? Start, string? BirthDate, string? ArrivalDate, Dictionary<string, string>? Values);

    private WebApplication app = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPost("/people", (Person person) => TypedResults.Ok(person));
        app.MapGet("/slots/{key}", (string key, string? from, string? to, int? year) => TypedResults.Ok(new { key, from, to, year }));
        app.MapPost("/nul", () =>
        {
            // What Npgsql throws when a text value holds NUL: the last line of defence answers 400, not 500.
            throw new Npgsql.PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", "22021");
        });
        app.MapPost("/multipart", () => { throw new InvalidDataException("Missing end boundary."); });
        // Kept as raw JSON, as the form service keeps a field's value: the binder checks no text inside it.
        app.MapPost("/elements", (Dictionary<string, JsonElement> values) => TypedResults.Ok(values.ToDictionary(v => v.Key, v => v.Value.ToString())));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"name\":\"Erika\\u0000Muster\"}", "name")]
    [InlineData("{\"name\":\"Erika\\r\\nMuster\"}", "name")]
    [InlineData("{\"name\":\"Erika\\tMuster\"}", "name")]
    [InlineData("{\"note\":\"a\\u0000b\"}", "note")]
    [InlineData("{\"note\":\"a\\u001bb\"}", "note")]
    [InlineData("{\"note\":\"a\\ud800b\"}", "note")]
    [InlineData("{\"values\":{\"applicant.lastName\":\"A\\nB\"}}", "values.applicant.lastName")]
    [InlineData("{\"values\":{\"a\\u0000\":\"x\"}}", "values")]
    [InlineData("{\"start\":\"9999-12-31T00:00:00Z\"}", "start")]
    [InlineData("{\"start\":\"0001-01-01T00:00:00Z\"}", "start")]
    [InlineData("{\"start\":\"1999-12-31T09:00:00+01:00\"}", "start")]
    [InlineData("{\"birthDate\":\"1850-01-01\"}", "birthDate")]
    [InlineData("{\"birthDate\":\"2090-01-01\"}", "birthDate")]
    [InlineData("{\"arrivalDate\":\"1899-12-31\"}", "arrivalDate")]
    [InlineData("{\"values\":{\"applicant.dateOfBirth\":\"0001-01-01\"}}", "values.applicant.dateOfBirth")]
    public async Task A_bad_body_value_is_a_400_naming_the_field(string body, string field)
    {
        using var response = await http.PostAsync("/people", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    /// <summary>Issue 16 item 11: the pages translate the guard's refusals by their reason code and the values the text names.</summary>
    [Theory]
    [InlineData("{\"name\":\"Erika\\u0000Muster\"}", "name", "control-character", null)]
    [InlineData("{\"name\":\"Erika\\r\\nMuster\"}", "name", "one-line", null)]
    [InlineData("{\"note\":\"a\\ud800b\"}", "note", "invalid-character", null)]
    [InlineData("{\"name\":\"Erika \\u202eredlohtsel\"}", "name", "invalid-character", null)]
    [InlineData("{\"email\":\"erika@example.org\\u2066\"}", "email", "invalid-character", null)]
    [InlineData("{\"name\":\"Erika\\u2028Muster\"}", "name", "one-line", null)]
    [InlineData("{\"name\":\"Gi\\u200bna\"}", "name", "invisible-character", null)]
    [InlineData("{\"name\":\"Gi\\u200dna\"}", "name", "invisible-character", null)]
    [InlineData("{\"name\":\"\\u200cGina\"}", "name", "invisible-character", null)]
    [InlineData("{\"name\":\"Gi\\u2060na\"}", "name", "invisible-character", null)]
    [InlineData("{\"name\":\"Gina\\ufeff\"}", "name", "invisible-character", null)]
    [InlineData("{\"email\":\"gina\\u200b@example.org\"}", "email", "invisible-character", null)]
    // Probe 2026-12-07: a name of one letter under 90 acute accents was stored and stood as a column over the lists.
    [InlineData("{\"name\":\"Ze\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301lda\"}", "name", "invalid-character", null)]
    // Probe 5: a chat line or a note of one letter under thousands of marks stood over the other side's whole transcript.
    [InlineData("{\"note\":\"Zeile 1\\nZe\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301lda\"}", "note", "invalid-character", null)]
    [InlineData("{\"start\":\"9999-12-31T00:00:00Z\"}", "start", "date-range", "earliest")]
    [InlineData("{\"birthDate\":\"1850-01-01\"}", "birthDate", "birth-date-range", "earliest")]
    public async Task A_refused_body_value_carries_a_reason_code(string body, string field, string code, string? arg)
    {
        using var response = await http.PostAsync("/people", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("reasons").GetProperty(field).GetString());
        Assert.NotEmpty(problem.GetProperty("errors").GetProperty(field)[0].GetString()!);
        if (arg is not null) Assert.True(problem.GetProperty("reasonArgs").GetProperty(field).TryGetProperty(arg, out _), problem.ToString());
    }

    [Fact]
    public async Task A_refused_query_year_names_its_window()
    {
        using var response = await http.GetAsync("/slots/move?year=1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("year-range", problem.GetProperty("reasons").GetProperty("year").GetString());
        Assert.Equal(2000, problem.GetProperty("reasonArgs").GetProperty("year").GetProperty("earliest").GetInt32());
    }

    [Fact]
    public async Task Multi_line_text_dates_in_their_windows_and_ordinary_names_pass()
    {
        // A Persian name keeps its zero-width non-joiner, an Arabic one its right-to-left mark.
        // Vietnamese written decomposed (e, circumflex, tilde) and pointed Hebrew (shin, dagesh, shin dot, qamats) keep their marks.
        var body = "{\"name\":\"Zoë Müller-Lüdenscheidt Nguye\\u0302\\u0303n \\u05e9\\u05bc\\u05c1\\u05b8\",\"lastName\":\"مهدی\\u200cزاده\",\"firstName\":\"\\u200fمحمد\",\"note\":\"Zeile 1\\r\\nZeile 2\\tEnde\",\"start\":\"" + DateTimeOffset.UtcNow.AddDays(3).ToString("O") +
                   "\",\"birthDate\":\"1931-02-28\",\"arrivalDate\":\"1985-06-01\",\"values\":{\"remarks\":\"a\\nb\"}}";
        using var response = await http.PostAsync("/people", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Zeile 1\r\nZeile 2\tEnde", person.GetProperty("note").GetString());
    }

    [Theory]
    [InlineData("/slots/move?from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("/slots/move?from=%200001-01-01", "from")]
    [InlineData("/slots/move?to=%C2%A09999-12-31", "to")]
    [InlineData("/slots/move?from=2026-01-01&to=9999-12-31", "to")]
    [InlineData("/slots/move?year=1", "year")]
    [InlineData("/slots/move?year=9999", "year")]
    [InlineData("/slots/move?from=a%00b", "from")]
    [InlineData("/slots/move?from=a%0D%0Ab", "from")]
    [InlineData("/slots/mo%1Bve", "key")]
    public async Task A_bad_query_or_route_value_is_a_400_naming_it(string url, string field)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_year_and_dates_in_the_window_pass()
    {
        using var response = await http.GetAsync($"/slots/move?from=2026-01-01&to=2026-01-14&year={DateTime.UtcNow.Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/nul")]
    [InlineData("/multipart")]
    public async Task A_database_data_exception_or_a_malformed_body_is_a_400_not_a_500(string url)
    {
        using var response = await http.PostAsync(url, new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Invalid UTF-8 inside a string the binder keeps as raw JSON: a 500 at its first read until the guard refused it.</summary>
    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a surrogate encoded in UTF-8
    [InlineData(new byte[] { 0xC3 })] // a sequence broken off
    public async Task Invalid_utf8_in_a_raw_json_value_is_a_400_naming_the_field(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("{\"email\":\"a").Concat(bad).Concat(Encoding.UTF8.GetBytes("b\"}")).ToArray();
        using var response = await http.PostAsync("/elements", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-character", problem.GetProperty("reasons").GetProperty("email").GetString());
    }

    /// <summary>A body above a megabyte passed the guard unchecked: padding carried a control character into a form.</summary>
    [Fact]
    public async Task A_large_body_is_checked_whole_and_one_above_the_limit_is_refused()
    {
        var padding = new string('x', 1_500_000);
        using var large = await http.PostAsync("/people", new StringContent($"{{\"note\":\"{padding}\",\"name\":\"a\\u0007b\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.True((await large.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _));

        var huge = new string('x', 17 * 1024 * 1024);
        using var tooLarge = await http.PostAsync("/people", new StringContent($"{{\"note\":\"{huge}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var problem = await tooLarge.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("request-too-large", problem.GetProperty("code").GetString());
    }

    /// <summary>An unknown charset was a 500 from the binder; another one than UTF-8 would be read past the guard.</summary>
    [Theory]
    [InlineData("application/json; charset=ebcdic")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/problem+json; charset=latin1")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    public async Task Json_in_another_charset_than_utf8_is_a_415(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"Erika\"}"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await http.PostAsync("/people", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("json-utf-8", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        foreach (var charset in new[] { "utf-8", "UTF-8" })
        {
            using var utf8 = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"Erika\"}"));
            utf8.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
            using var accepted = await http.PostAsync("/people", utf8);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
    }
}
