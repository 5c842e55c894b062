using Microsoft.Extensions.DependencyInjection;
using Municipal.DocumentIntake.Jobs;
using Npgsql;

namespace Municipal.DocumentIntake.Tests;

/// <summary>Issue 13, item 4: a file stays in storage only with its row; files no row stands for are swept.</summary>
public class StorageTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    private List<string> StoredFiles() =>
        Directory.Exists(factory.StoragePath) ? Directory.EnumerateFiles(factory.StoragePath, "*", SearchOption.AllDirectories).ToList() : [];

    [Fact]
    public async Task An_upload_whose_commit_fails_leaves_no_file()
    {
        // Postgres itself refuses the submission at commit time, as a full disk or a lost connection would.
        await using (var connection = new NpgsqlConnection(factory.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE OR REPLACE FUNCTION refuse_marked_submission() RETURNS trigger AS $$
                BEGIN
                    IF NEW.note = 'refuse this commit' THEN RAISE EXCEPTION 'refused by the test'; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS refuse_marked_submission ON submissions;
                CREATE CONSTRAINT TRIGGER refuse_marked_submission AFTER INSERT ON submissions
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_marked_submission();
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
        var before = StoredFiles();

        var (token, _) = await factory.Tokens.NewRoomAsync();
        var form = Files.Form(("files", "a.pdf", Files.Pdf("refused commit"), "application/pdf"), ("files", "b.jpg", Files.Page1, "image/jpeg"))
            .With("note", "refuse this commit");
        var response = await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads", form);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(before, StoredFiles());

        // The same upload without the marked note is kept, so the refusal above was the commit's.
        var kept = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "a.pdf", Files.Pdf("refused commit"), "application/pdf")))).SubmittedAsync();
        Assert.Single(StoredFiles().Except(before));
        Assert.NotNull(kept.Documents[0].Id);
    }

    [Fact]
    public async Task Files_without_a_row_are_swept_after_the_grace_period_and_documents_stay()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync();
        var kept = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "keep.pdf", Files.Pdf("kept"), "application/pdf")))).SubmittedAsync();
        var keptPath = Directory.EnumerateFiles(factory.StoragePath, kept.Documents[0].Id!.Value.ToString("N"), SearchOption.AllDirectories).Single();
        var old = DateTime.UtcNow.AddHours(-3);
        File.SetLastWriteTimeUtc(keptPath, old);

        string Orphan(string folder, DateTime written)
        {
            var name = Guid.NewGuid().ToString("N");
            var path = Path.Combine(factory.StoragePath, folder == "" ? name[..2] : folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Files.Pdf("orphan"));
            File.SetLastWriteTimeUtc(path, written);
            return path;
        }
        var storedOrphan = Orphan("", old);
        var incomingLeftover = Orphan("incoming", old);
        var youngOrphan = Orphan("", DateTime.UtcNow);
        var uploadInProgress = Orphan("incoming", DateTime.UtcNow);

        var removed = await factory.Services.GetRequiredService<OrphanFileJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.False(File.Exists(storedOrphan));
        Assert.False(File.Exists(incomingLeftover));
        Assert.True(File.Exists(youngOrphan));
        Assert.True(File.Exists(uploadInProgress));
        Assert.True(File.Exists(keptPath));
    }
}
