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
    [InlineData("{\"note\":\"a\\ud800b\"}", "note", "wrong-format", null)] // unreadable for the guard: the binder refuses it
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
        var body = "{\"name\":\"Zoë Müller-Lüdenscheidt\",\"note\":\"Zeile 1\\r\\nZeile 2\\tEnde\",\"start\":\"" + DateTimeOffset.UtcNow.AddDays(3).ToString("O") +
                   "\",\"birthDate\":\"1931-02-28\",\"arrivalDate\":\"1985-06-01\",\"values\":{\"remarks\":\"a\\nb\"}}";
        using var response = await http.PostAsync("/people", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Zeile 1\r\nZeile 2\tEnde", person.GetProperty("note").GetString());
    }

    [Theory]
    [InlineData("/slots/move?from=0001-01-01&to=0001-01-02", "from")]
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
}
