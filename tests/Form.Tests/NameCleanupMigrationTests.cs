using Microsoft.Extensions.Logging.Abstractions;
using Municipal.Form.Data;
using Municipal.ServiceDefaults.Data;
using Municipal.Testing;

namespace Municipal.Form.Tests;

/// <summary>
/// A dossier submitted before a form's one-line fields refused direction controls (2026-12-05, 18:00 UTC) kept an
/// applicant name the staff lists showed turned by them. Migration 0006 cleans it (on a database that had it before)
/// and keeps what it was; the signed values stay as signed.
/// </summary>
public sealed class NameCleanupMigrationTests : IAsyncLifetime
{
    private const string Cleanup = "service/0006_names_without_controls";
    private readonly SqlMigrator migrator = new(NullLogger<SqlMigrator>.Instance);
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync("formnames");

    public async Task DisposeAsync() => await database.DisposeAsync();

    private static IReadOnlyList<SqlMigrator.Script> Scripts() =>
        [.. SqlMigrator.FromAssembly(typeof(SqlMigrator).Assembly, "defaults"), .. SqlMigrator.FromAssembly(typeof(FormDb).Assembly, "service")];

    [Fact]
    public async Task An_old_dossiers_turned_applicant_name_is_cleaned_and_kept_as_it_was_and_its_signed_values_stay()
    {
        var all = Scripts();
        Assert.Contains(all, s => s.Id == Cleanup);
        // The database as it stood before the clean-up, with a dossier of then.
        await migrator.MigrateAsync(database.ConnectionString, all.Where(s => !s.Id.StartsWith("service/", StringComparison.Ordinal) || string.CompareOrdinal(s.Id, Cleanup) < 0), default);
        var id = Guid.NewGuid();
        const string Values = """{"applicant": {"firstName": "\u202eanna", "lastName": "Muster"}}""";
        await database.ExecuteAsync("""
            INSERT INTO dossiers (id, reference, definition_id, definition_version, concern_key, department_key, draft_id, applicant_name,
                email, language, status, field_values, content_sha256, signature_kind, signature_summary, pdf, submitted_at, updated_at)
            VALUES (@id, @reference, 'move', 1, 'move', 'residents-office', @draft, @name, 'anna@example.org', 'de', 'submitted',
                @values::jsonb, 'hash', 'drawn', 'signed', NULL, now(), now())
            """, ("id", id), ("reference", $"T-{id:N}"[..12]), ("draft", Guid.NewGuid()), ("name", "\u202Eanna Muster\nBerta"), ("values", Values));
        var signed = await database.ScalarAsync<string>("SELECT field_values::text FROM dossiers WHERE id = @id", ("id", id));

        Assert.Equal(all.Count(s => string.CompareOrdinal(s.Id, Cleanup) >= 0 && s.Id.StartsWith("service/", StringComparison.Ordinal)),
            await migrator.MigrateAsync(database.ConnectionString, all, default));

        Assert.Equal("anna Muster Berta", await database.ScalarAsync<string>("SELECT applicant_name FROM dossiers WHERE id = @id", ("id", id)));
        Assert.Equal($"dossiers applicant_name {id} \u202Eanna Muster\nBerta anna Muster Berta",
            await database.ScalarAsync<string>("SELECT concat_ws(' ', table_name, column_name, row_id, before, after) FROM text_cleanups"));
        Assert.Equal(signed, await database.ScalarAsync<string>("SELECT field_values::text FROM dossiers WHERE id = @id", ("id", id)));
    }
}
