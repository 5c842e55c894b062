using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Booking;
using Municipal.DocumentIntake.Data;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.DocumentIntake.Consumers;

/// <summary>Keeps a concern's names as booking's admin page saved them, for the department mails. One upsert.</summary>
public sealed class ConcernChangedConsumer(DocumentDb db) : IdempotentConsumer<DocumentDb, ConcernChanged>(db)
{
    protected override bool OneIdempotentStatement => true;

    protected override async Task Handle(ConcernChanged message, ConsumeContext<ConcernChanged> context) =>
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO concern_names (concern_key, department_key, name_de, name_en, name_fr, name_it)
            VALUES ({message.Key}, {message.DepartmentKey}, {message.NameDe}, {message.NameEn ?? ""}, {message.NameFr ?? ""}, {message.NameIt ?? ""})
            ON CONFLICT (concern_key) DO UPDATE SET department_key = excluded.department_key, name_de = excluded.name_de,
                name_en = excluded.name_en, name_fr = excluded.name_fr, name_it = excluded.name_it
            """, context.CancellationToken);
}
