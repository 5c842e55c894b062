using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Staff;
using Municipal.ServiceDefaults.Messaging;
using Municipal.SessionSignaling.Data;

namespace Municipal.SessionSignaling.Consumers;

/// <summary>
/// Learns the city's departments from the staff accounts, so a transfer names one that exists. A department stays
/// known when an account leaves it: rooms may still be on their way there.
/// </summary>
public sealed class StaffAccountChangedConsumer(SessionDb db) : IdempotentConsumer<SessionDb, StaffAccountChanged>(db)
{
    protected override async Task Handle(StaffAccountChanged message, ConsumeContext<StaffAccountChanged> context)
    {
        foreach (var department in message.Departments.Where(d => !string.IsNullOrWhiteSpace(d)).Distinct())
        {
            await Db.Database.ExecuteSqlAsync($"INSERT INTO known_departments (key) VALUES ({department}) ON CONFLICT DO NOTHING", context.CancellationToken);
        }
    }
}
