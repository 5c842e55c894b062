using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Npgsql;

namespace Municipal.Booking.Tests;

/// <summary>
/// The booking service with a hand in its saves: for an address marked with <see cref="ChangeBeforeNextSave"/>, the
/// next save that changes one of its appointments finds the row changed by another request first (its sequence moved
/// on, committed on a connection of its own), as when the resident moved it on the manage page at that moment.
/// </summary>
public sealed class InterleavingBookingFactory : BookingFactory
{
    private readonly ConcurrentDictionary<string, bool> marked = new(StringComparer.OrdinalIgnoreCase);

    public void ChangeBeforeNextSave(string email) => marked[email] = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<BookingDb>(options => options.AddInterceptors(new ChangeFirst(marked, () => Database.ConnectionString))));
    }

    private sealed class ChangeFirst(ConcurrentDictionary<string, bool> marked, Func<string> connectionString) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var context = eventData.Context!;
            foreach (var entry in context.ChangeTracker.Entries<Appointment>().Where(e => e.State == EntityState.Modified).ToList())
            {
                if (!marked.TryRemove(entry.Entity.Email, out _)) continue;
                await using var connection = new NpgsqlConnection(connectionString());
                await connection.OpenAsync(cancellationToken);
                await using var change = new NpgsqlCommand("UPDATE appointments SET sequence = sequence + 1 WHERE id = @id", connection);
                change.Parameters.AddWithValue("id", entry.Entity.Id);
                await change.ExecuteNonQueryAsync(cancellationToken);
            }
            return result;
        }
    }
}
