using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Municipal.ServiceDefaults.Data;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// An overloaded database delays work but is never a 500: the real failures EF hands on under load answer 503 with
/// Retry-After. The pool here holds one connection and gives up after a second, so the overload is real.
/// </summary>
public sealed class TransientDatabaseProblemTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private WebApplication app = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("transient");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = $"{database.ConnectionString};Maximum Pool Size=1;Timeout=1;Command Timeout=1",
        });
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<TestDb>("testdb");
        app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/pool-exhausted", async (IServiceProvider services) =>
        {
            // One request holds the only connection while another needs one: "The connection pool has been exhausted".
            using var holder = services.CreateScope();
            var held = holder.ServiceProvider.GetRequiredService<TestDb>();
            await held.Database.OpenConnectionAsync();
            using var waiter = services.CreateScope();
            return await waiter.ServiceProvider.GetRequiredService<TestDb>().Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync();
        });
        app.MapGet("/command-timeout", async (TestDb db) =>
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(3)"));
        app.MapGet("/sqlstate/{state}", async (string state, TestDb db) =>
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(state, "^[0-9A-Z]{5}$")) return -1;
            var raise = "DO $$ BEGIN RAISE EXCEPTION 'under load' USING ERRCODE = '" + state + "'; END $$";
            return await db.Database.ExecuteSqlRawAsync(raise);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    [Theory]
    [InlineData("/pool-exhausted")]
    [InlineData("/command-timeout")]
    [InlineData("/sqlstate/40001")] // serialization failure
    [InlineData("/sqlstate/40P01")] // deadlock victim
    [InlineData("/sqlstate/55P03")] // lock not available
    public async Task An_overloaded_database_is_a_503_with_retry_after(string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_genuine_fault_stays_a_500()
    {
        // Not every database error is the load's fault: a bug (here an undefined function) must not hide as "retry later".
        using var response = await http.GetAsync("/sqlstate/42883");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
