using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Model;
using Municipal.Contracts.Booking;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Mail;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Booking.Apis;

/// <summary>
/// "My mail never arrived": the links of every coming appointment booked with an address go to that address once
/// more, except those of a consultation the resident has already entered, a clerk has taken or that was held. The answer is the same whether or not the address has appointments, so the endpoint tells no one who booked.
/// </summary>
public static class LinkResendApi
{
    /// <summary>How often one request reads and renews the links again when a change of the resident's came between.</summary>
    private const int MaxAttempts = 3;

    public static RouteGroupBuilder MapLinkResendApi(this RouteGroupBuilder api)
    {
        api.MapPost("/appointments/links", Resend).AllowAnonymous();
        return api;
    }

    /// <remarks>
    /// Fresh tokens, not the old ones again: the plain tokens are kept (sealed) only until their mail left, so the
    /// old links cannot be re-sent without keeping every token at rest for the appointment's lifetime; and a new
    /// mail that voids the old links also voids a copy that went astray (a forwarded or misfiled mail).
    /// </remarks>
    public static async Task<Results<Accepted, ValidationProblem>> Resend(
        ResendLinksRequest request, [AsParameters] AppointmentServices services, LinkResendThrottle throttle, CancellationToken ct)
    {
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);
        var email = request.NormalizedEmail!;
        if (!await throttle.TryTakeAsync(email)) return TypedResults.Accepted((string?)null);

        // The throttle is spent: a move or a cancellation saved between this request's read and its save (the resident
        // on the manage page while asking for the links) is read again and the links renewed on what it left, rather than
        // answered 409, which would leave the resident with no mail and a throttle that swallows the next try.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RenewLinksAsync(email, services, ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                services.Db.ChangeTracker.Clear();
            }
        }
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>New join and manage links, and their mail, for each coming appointment booked with <paramref name="email"/>.</summary>
    private static async Task RenewLinksAsync(string email, AppointmentServices services, CancellationToken ct)
    {
        var now = services.Time.GetUtcNow();
        var lower = email.ToLowerInvariant();
        // Not for a consultation the resident has entered or a clerk has taken: the link is in use or about to be, and
        // new links would void it in the middle of the consultation (anyone who knows the address can ask for this); nor
        // for one that was held. The manage link refuses to move or cancel the same ones.
        var appointments = await services.Db.Appointments
            .Where(a => a.Email.ToLower() == lower && a.Status == AppointmentStatus.Booked && a.JoinTokenExpiresAt > now && a.JoinedAt == null
                && a.ConsultationStartedAt == null && !services.Db.Consultations.Any(c => c.AppointmentId == a.Id))
            .ToListAsync(ct);
        foreach (var appointment in appointments)
        {
            var joinToken = CapabilityToken.Create();
            appointment.JoinTokenHash = CapabilityToken.Hash(joinToken);
            appointment.Sequence++; // the calendar file's link changes: calendars take the update
            services.Db.ResidentTokens.RemoveRange(await services.Db.ResidentTokens
                .Where(t => t.SubjectId == appointment.Id && t.Purpose == TokenPurposes.ManageAppointment).ToListAsync(ct));
            var manageToken = services.Tokens.Issue(TokenPurposes.ManageAppointment, appointment.Id, appointment.EndAt.AddDays(1));
            services.Db.PendingMails.RemoveRange(await services.Db.PendingMails.Where(m => m.AppointmentId == appointment.Id).ToListAsync(ct));
            AppointmentsApi.AddPendingMails(services.Db, services.Seal, appointment, joinToken, manageToken, MailKinds.Resent, now);
            services.Db.Publish(new AppointmentLinksReissued(appointment.Id, appointment.JoinTokenHash, appointment.JoinTokenExpiresAt, now));
        }
        await services.Db.SaveChangesAsync(ct);
    }
}
