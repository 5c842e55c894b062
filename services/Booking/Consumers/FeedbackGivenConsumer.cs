using MassTransit;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Data;
using Municipal.Booking.Model;
using Municipal.Contracts.Sessions;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking.Consumers;

/// <summary>Keeps the resident's rating for the supervisors' statistics (one per consultation).</summary>
public sealed class FeedbackGivenConsumer(BookingDb db) : IdempotentConsumer<BookingDb, FeedbackGiven>(db)
{
    protected override async Task Handle(FeedbackGiven message, ConsumeContext<FeedbackGiven> context)
    {
        if (message.Score is < 1 or > 5 || await Db.Feedback.AnyAsync(f => f.SessionId == message.SessionId, context.CancellationToken)) return;
        Db.Feedback.Add(new Feedback
        {
            SessionId = message.SessionId,
            ConcernKey = message.ConcernKey,
            DepartmentKey = message.DepartmentKey,
            Score = message.Score,
            GivenAt = message.GivenAt,
        });
    }
}
