using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Municipal.ServiceDefaults;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>A body the server cannot read is the caller's mistake: 400 naming the field, never a 500.</summary>
public sealed class ProblemTests : IAsyncLifetime
{
    private sealed record Range(DayOfWeek Day, string Opens);

    private WebApplication app = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPut("/ranges", (List<Range> ranges) => ranges.Count);
        app.MapGet("/count", (int take) => take);
        app.MapGet("/drafts/{id}", (string id) => Problems.NotFound(new Reason("no-draft", $"No draft {id}.").With("id", id)));
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
    [InlineData("[{\"day\":1,\"opens\":\"08:00\"},{\"day\":\"someday\",\"opens\":\"08:00\"}]", "[1].day")]
    [InlineData("[{\"day\":1,\"opens\":8}]", "[0].opens")]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field(string body, string field)
    {
        using var response = await http.PutAsync("/ranges", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    /// <summary>Issue 17: a query value that does not bind names its field like a body value does.</summary>
    [Fact]
    public async Task A_query_value_that_does_not_bind_is_a_400_naming_the_field()
    {
        using var response = await http.GetAsync("/count?take=all");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("wrong-format", problem.GetProperty("reasons").GetProperty("take").GetString());
    }

    /// <summary>Issue 17: a problem that is not about a field carries its reason's code and values beside the English detail.</summary>
    [Fact]
    public async Task A_problem_about_no_field_carries_its_code()
    {
        using var response = await http.GetAsync("/drafts/d1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("no-draft", problem.GetProperty("code").GetString());
        Assert.Equal("d1", problem.GetProperty("codeArgs").GetProperty("id").GetString());
        Assert.Equal("No draft d1.", problem.GetProperty("detail").GetString());
        Assert.Equal("Not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_carries_a_reason_code()
    {
        using var response = await http.PutAsync("/ranges", new StringContent("[{\"day\":\"someday\",\"opens\":\"08:00\"}]", System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("wrong-format", problem.GetProperty("reasons").GetProperty("[0].day").GetString());
    }

    [Fact]
    public async Task Fields_answer_the_text_the_code_and_the_values_of_each_field()
    {
        var errors = new FieldErrors { ["name"] = Reasons.TooLong(200), ["email"] = Reasons.Email };
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = app.Services };
        context.Response.Body = new MemoryStream();
        await Problems.Fields(errors).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("At most 200 characters.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal("too-long", problem.GetProperty("reasons").GetProperty("name").GetString());
        Assert.Equal("email", problem.GetProperty("reasons").GetProperty("email").GetString());
        Assert.Equal(200, problem.GetProperty("reasonArgs").GetProperty("name").GetProperty("max").GetInt32());
        Assert.False(problem.GetProperty("reasonArgs").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var response = await http.PutAsync("/ranges", new StringContent("[{", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// A body of JSON <c>null</c> (or none at all) where an object or list is expected: a 400 naming <c>body</c>, the
    /// field a client knows, with the code <c>body-required</c> (it named no field, or the handler's own parameter name).
    /// </summary>
    [Theory]
    [InlineData("null")]
    [InlineData("")]
    public async Task A_missing_body_is_a_400_naming_the_body(string sent)
    {
        using var response = await http.PutAsync("/ranges", new StringContent(sent, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reason = problem.TryGetProperty("reasons", out var reasons) && reasons.TryGetProperty("body", out var body) ? body.GetString() : null;
        Assert.True(reason == "body-required", problem.ToString());
    }

    [Fact]
    public async Task Good_input_passes()
    {
        using var response = await http.PutAsJsonAsync("/ranges", new[] { new { day = 1, opens = "08:00" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
