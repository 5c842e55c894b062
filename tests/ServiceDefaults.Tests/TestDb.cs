using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;

namespace Municipal.ServiceDefaults.Tests;

public sealed class TestDb(DbContextOptions<TestDb> options) : ServiceDbContext(options)
{
    public DbSet<Received> Received => Set<Received>();

    public DbSet<Note> Notes => Set<Note>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Received>().ToTable("received");
        modelBuilder.Entity<Note>().ToTable("notes");
    }
}

public sealed class Received
{
    public long Id { get; init; }
    public Guid MessageId { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

public sealed class Note
{
    public Guid Id { get; init; }
    public required string Text { get; init; }
}
