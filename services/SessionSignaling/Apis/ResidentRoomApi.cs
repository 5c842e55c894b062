using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Municipal.Contracts.Sessions;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Rooms;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Security;

namespace Municipal.SessionSignaling.Apis;

/// <summary>What a resident reaches with the token of their link (sent in X-Resident-Token, never in the URL).</summary>
public static class ResidentRoomApi
{
    private const int MaxCommentLength = 2000;

    public static RouteGroupBuilder MapResidentRoomApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rooms/current", GetCurrent).AllowAnonymous();
        api.MapPost("/rooms/current/feedback", GiveFeedback).AllowAnonymous();
        return api;
    }

    /// <summary>Resolves a resident's token to their room. Identity, forms and documents call this too.</summary>
    public static async Task<Results<Ok<RoomView>, ProblemHttpResult>> GetCurrent(
        [FromHeader(Name = CapabilityToken.Header)] string? token, RoomAccess access, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token)) return Problems.MissingToken();
        var room = await access.FindByResidentTokenAsync(token, cancellationToken);
        return room is null ? Problems.NotFound(new Reason("no-room-for-link", "No room for this token, or the link has expired.")) : TypedResults.Ok(room.ToView());
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> GiveFeedback(
        [FromHeader(Name = CapabilityToken.Header)] string? token, FeedbackRequest request,
        RoomAccess access, SessionDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token)) return Problems.MissingToken();
        if (request.Score is not (>= 1 and <= 5)) return Problems.Field("score", new Reason("score-range", "Choose a rating from 1 to 5.").With("min", 1).With("max", 5));
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment is { Length: > MaxCommentLength }) return Problems.Field("comment", Reasons.TooLong(MaxCommentLength));

        var room = await access.FindByResidentTokenAsync(token, cancellationToken);
        if (room is null) return Problems.NotFound(new Reason("no-room-for-link", "No room for this token, or the link has expired."));
        // A resident who left before the clerk ended may rate too, but only once a clerk took the consultation.
        if (room.FirstAcceptedAt is null) return Problems.Conflict(new Reason("feedback-too-early", "Feedback can be given once a clerk has talked to you."));
        if (room.FeedbackScore is not null) return Problems.Conflict(new Reason("feedback-given", "Feedback for this consultation was already given."));

        var now = clock.GetUtcNow();
        room.FeedbackScore = request.Score;
        room.FeedbackComment = comment;
        room.FeedbackAt = now;
        db.Publish(new FeedbackGiven(room.Id, room.ConcernKey, room.DepartmentKey, request.Score.Value, comment, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
