using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Staff;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>Keeps the newest state of each staff account (by ChangedAt), so an assignment names someone who exists.</summary>
public sealed class StaffAccountChangedConsumer(DocumentDb db) : IdempotentConsumer<DocumentDb, StaffAccountChanged>(db)
{
    protected override async Task Handle(StaffAccountChanged message, ConsumeContext<StaffAccountChanged> context)
    {
        var ct = context.CancellationToken;
        // The row is locked (or created) first, so two states of one account apply one after the other.
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO staff_members (staff_id, roles, departments, active, changed_at) VALUES ({message.StaffId}, {Array.Empty<string>()}, {Array.Empty<string>()}, false, {DateTimeOffset.UnixEpoch}) ON CONFLICT DO NOTHING", ct);
        var member = await Db.StaffMembers.FromSql($"SELECT * FROM staff_members WHERE staff_id = {message.StaffId} FOR UPDATE").SingleAsync(ct);
        if (member.ChangedAt >= message.ChangedAt) return;
        member.Roles = [.. message.Roles];
        member.Departments = [.. message.Departments];
        member.Active = message.Active;
        member.ChangedAt = message.ChangedAt;
    }
}
