using Microsoft.Extensions.Logging.Abstractions;
using Municipal.ServiceDefaults.Data;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// Names stored before every field refused direction controls still showed turned by them on the staff pages: the
/// shared clean-up (<c>defaults/0002_text_cleanups</c>) takes out what a one-line value refuses now and keeps each
/// value it changed, as it was.
/// </summary>
public sealed class TextCleanupTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("cleanups");
        await new SqlMigrator(NullLogger<SqlMigrator>.Instance).MigrateAsync(database.ConnectionString,
            SqlMigrator.FromAssembly(typeof(SqlMigrator).Assembly, "defaults"), default);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Theory]
    [InlineData("\u202Eanna", "anna")]
    [InlineData("Anna \u2066Berta\u2069", "Anna Berta")]
    [InlineData("Anna\nBerta", "Anna Berta")]
    [InlineData("Anna\r\n\tBerta\u2028", "Anna Berta")]
    [InlineData("Gi\u200Bna\uFEFF", "Gina")]
    [InlineData("Anna\u0085\u001B", "Anna")]
    // What the fields take stays: a right-to-left name with its marks, a Persian name's joiner, accents.
    [InlineData("\u05D3\u05E0\u05D4\u200F", "\u05D3\u05E0\u05D4\u200F")]
    [InlineData("\u0645\u06CC\u200C\u0631\u0627", "\u0645\u06CC\u200C\u0631\u0627")]
    [InlineData("Zoë Müller-Lüdenscheidt", "Zoë Müller-Lüdenscheidt")]
    public async Task A_one_line_value_loses_what_the_fields_refuse_now_and_keeps_the_rest(string stored, string cleaned)
    {
        Assert.Equal(cleaned, await database.ScalarAsync<string>("SELECT clean_one_line(@v)", ("v", stored)));
    }

    [Fact]
    public async Task A_column_is_cleaned_once_and_each_change_is_kept_as_it_was()
    {
        await database.ScalarAsync<int>("CREATE TABLE people (id uuid PRIMARY KEY, name text NULL); SELECT 1");
        var turned = Guid.NewGuid();
        var plain = Guid.NewGuid();
        var empty = Guid.NewGuid();
        await database.ScalarAsync<int>("INSERT INTO people VALUES (@a, @an), (@b, 'Berta'), (@c, NULL); SELECT 1",
            ("a", turned), ("an", "\u202Eanna\u202C"), ("b", plain), ("c", empty));

        Assert.Equal(1, await database.ScalarAsync<int>("SELECT clean_one_line_column('people', 'name', 'id', 'test/0001')"));
        Assert.Equal("anna", await database.ScalarAsync<string>("SELECT name FROM people WHERE id = @a", ("a", turned)));
        Assert.Equal("Berta", await database.ScalarAsync<string>("SELECT name FROM people WHERE id = @b", ("b", plain)));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM text_cleanups"));
        Assert.Equal($"people name {turned} \u202Eanna\u202C anna test/0001",
            await database.ScalarAsync<string>("SELECT concat_ws(' ', table_name, column_name, row_id, before, after, migration) FROM text_cleanups"));

        // Run again (another service's migration on the same database, a repeated start): nothing more to do.
        Assert.Equal(0, await database.ScalarAsync<int>("SELECT clean_one_line_column('people', 'name', 'id', 'test/0002')"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM text_cleanups"));
    }
}
