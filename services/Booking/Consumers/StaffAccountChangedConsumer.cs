using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Contracts.Staff;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>
/// Keeps "who can take which concern" in step with the staff accounts an admin edits in the gateway: an active clerk
/// takes the concerns of their skills that booking offers; a disabled account, or one that is no clerk, takes none.
/// The person's row in staff_sync is locked first, so two states of one account apply one after the other, and a
/// state older than the one applied is skipped.
/// </summary>
public sealed class StaffAccountChangedConsumer(BookingDb db) : IdempotentConsumer<BookingDb, StaffAccountChanged>(db)
{
    protected override async Task Handle(StaffAccountChanged message, ConsumeContext<StaffAccountChanged> context)
    {
        var ct = context.CancellationToken;
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO staff_sync (staff_id, changed_at) VALUES ({message.StaffId}, {DateTimeOffset.UnixEpoch}) ON CONFLICT DO NOTHING", ct);
        var applied = await Db.StaffSync.FromSql($"SELECT * FROM staff_sync WHERE staff_id = {message.StaffId} FOR UPDATE").SingleAsync(ct);
        if (applied.ChangedAt >= message.ChangedAt) return;
        applied.ChangedAt = message.ChangedAt;

        var takes = message.Active && message.Roles.Contains(StaffRoles.Clerk)
            ? await Db.Concerns.AsNoTracking().Where(c => message.Skills.Contains(c.Key)).Select(c => new { c.Key, c.DepartmentKey }).ToListAsync(ct)
            : [];
        await Db.StaffSkills.Where(s => s.StaffId == message.StaffId).ExecuteDeleteAsync(ct);
        Db.StaffSkills.AddRange(takes.Select(c => new StaffSkill
        {
            StaffId = message.StaffId, ConcernKey = c.Key, StaffName = message.Name, DepartmentKey = c.DepartmentKey,
        }));
    }
}
