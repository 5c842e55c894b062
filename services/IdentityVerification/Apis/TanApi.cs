using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Municipal.IdentityVerification.Data;
using Municipal.IdentityVerification.Model;
using Municipal.IdentityVerification.Security;
using Municipal.IdentityVerification.Tans;
using Municipal.IdentityVerification.Telemetry;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Security;
using Municipal.ServiceDefaults.ResidentLinks;
using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Apis;

/// <summary>
/// One-time codes for signing: issued to the resident of a consultation (or by staff for them), bound to
/// the SHA-256 of the exact content, verified once by whoever records the signature (usually forms).
/// </summary>
public static class TanApi
{
    public static RouteGroupBuilder MapTanApi(this RouteGroupBuilder api)
    {
        api.MapPost("/tans", Issue).AllowAnonymous();
        api.MapPost("/tans/{id:guid}/verify", Verify).AllowAnonymous();
        api.MapGet("/tans/{id:guid}", Status).RequireAuthorization(new AuthorizationPolicyBuilder(InternalToken.Scheme)
            .RequireRole([.. StaffRoles.All, StaffRoles.Service]).Build());
        return api;
    }

    public sealed record IssuedTan(Guid TanId, DateTimeOffset ExpiresAt, string MaskedRecipient, string Channel);

    public sealed record TanStatus(Guid TanId, string ContentSha256, string Purpose, string Channel, string MaskedRecipient, DateTimeOffset ExpiresAt, bool Used, DateTimeOffset? UsedAt, bool Locked);

    public sealed record VerifiedTan(bool Verified, Guid TanId, string ContentSha256, string Purpose, DateTimeOffset VerifiedAt);

    /// <summary>
    /// Issues a code. Staff and services name the recipient and purpose; a resident's code goes only to the e-mail
    /// address of their booking (contact data the city already holds) with a purpose the server words, so the
    /// city's mail server never carries a resident's text to an address of their choosing, and only while their
    /// consultation is open.
    /// </summary>
    public static async Task<Results<Created<IssuedTan>, ValidationProblem, ProblemHttpResult>> Issue(
        IssueTanRequest request, ClaimsPrincipal user, HttpRequest http, [AsParameters] TanServices services, CancellationToken ct)
    {
        var isService = user.IsInRole(StaffRoles.Service);
        var (requester, sessionId) = (user.IsStaff() ? isService ? $"service:{user.StaffName()}" : $"staff:{user.StaffId()}" : null, (Guid?)null);
        ResidentLink? room = null;
        if (requester is null)
        {
            // The consultation a resident's link opens, from this service's own projection (no call to sessions).
            var token = http.Headers[CapabilityToken.Header].ToString();
            var lookup = await services.Links.FindAsync(token, ct);
            if (lookup.State == LinkState.Pending) return ResidentLinkResolver.NotKnownYet(http.HttpContext.Response);
            if (lookup.State == LinkState.Replaced) return ResidentLinkResolver.Replaced();
            room = lookup.Link is { Kind: ResidentLink.Room } link ? link : null;
            if (room is null)
            {
                return Problems.Status(StatusCodes.Status401Unauthorized, "Not signed in.",
                    new Reason("tan-outside-consultation", "A TAN is issued to the resident of a running consultation or by staff."));
            }
            if (room.IsClosed) return ConsultationClosed();
            (requester, sessionId) = ("resident:" + CapabilityToken.Hash(token), room.SessionId);
        }

        if (request.Validate(room) is { Count: > 0 } errors) return Problems.Fields(errors);
        var (channel, content, language) = (request.ChosenChannel, request.Content!, request.LanguageFor(room));
        var (purpose, recipient) = (request.PurposeFor(room)!, request.RecipientFor(room)!);

        var db = services.Db;
        var recipientHash = services.Hasher.Hash("tan-recipient", recipient);
        var now = services.Time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await TooManyCodes(db, recipientHash, requester, isService, now, ct))
        {
            http.HttpContext.Response.Headers.RetryAfter = ((int)TanRules.RateWindow.TotalSeconds).ToString();
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many codes requested.", new Reason("tan-too-many",
                $"At most {TanRules.PerRecipient} codes per recipient within {TanRules.RateWindow.TotalMinutes:0} minutes. Use the last code you received or try again later."));
        }

        var id = Guid.CreateVersion7();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var tan = new Tan
        {
            Id = id,
            CodeHash = services.Hasher.Hash("tan", $"{id}:{code}"),
            ContentSha256 = content,
            Purpose = purpose,
            Channel = channel,
            RecipientHash = recipientHash,
            MaskedRecipient = TanRecipient.Mask(channel, recipient),
            Requester = requester,
            SessionId = sessionId,
            DepartmentKey = room?.DepartmentKey,
            CreatedAt = now,
            ExpiresAt = now + TanRules.Lifetime,
        };
        db.Tans.Add(tan);
        await db.SaveChangesAsync(ct);
        try
        {
            await services.Sender.SendAsync(channel, recipient, code, purpose, language, tan.ExpiresAt, ct);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException or MailKit.ServiceNotConnectedException)
        {
            services.Logger.LogWarning(ex, "The TAN could not be sent by {Channel}.", channel);
            return services.Metrics.Failed("undeliverable", Problems.Status(StatusCodes.Status503ServiceUnavailable, "The code could not be sent.",
                new Reason("tan-unavailable", "Please try again in a moment.")));
        }
        await tx.CommitAsync(ct);
        services.Metrics.Issued(channel);
        return TypedResults.Created($"/api/identity/tans/{id}", new IssuedTan(id, tan.ExpiresAt, tan.MaskedRecipient, channel));
    }

    /// <summary>
    /// Whether the recipient (or the requester) had their share of codes within the window. Called inside the issuing
    /// transaction: the advisory lock serialises requests for the same recipient so two parallel requests cannot both
    /// slip under the limit. A service asks on behalf of many residents, so only the per-recipient limit applies to it.
    /// </summary>
    private static async Task<bool> TooManyCodes(IdentityDb db, string recipientHash, string requester, bool isService, DateTimeOffset now, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({recipientHash}))", ct);
        var since = now - TanRules.RateWindow;
        var forRecipient = await db.Tans.CountAsync(t => t.RecipientHash == recipientHash && t.CreatedAt > since, ct);
        var forRequester = await db.Tans.CountAsync(t => t.Requester == requester && t.CreatedAt > since, ct);
        return forRecipient >= TanRules.PerRecipient || (!isService && forRequester >= TanRules.PerRequester);
    }

    /// <summary>
    /// Checks a code. Order matters: a used, locked or expired code is refused before the code is compared, and a
    /// different document never consumes an attempt nor reveals whether the code was right.
    /// </summary>
    public static async Task<Results<Ok<VerifiedTan>, ValidationProblem, ProblemHttpResult>> Verify(
        Guid id, VerifyTanRequest request, ClaimsPrincipal user, HttpRequest http, [AsParameters] TanServices services, CancellationToken ct)
    {
        var (db, metrics) = (services.Db, services.Metrics);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tan = await db.Tans.FromSql($"SELECT * FROM tans WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (tan is null || !MaySpend(tan, user, http))
        {
            return Refused(StatusCodes.Status404NotFound, "unknown", "Code not found.", new Reason("tan-unknown", "There is no such code for you."));
        }
        if (request.Validate() is { Count: > 0 } errors) return Problems.Fields(errors);

        var now = services.Time.GetUtcNow();
        if (tan.UsedAt is not null) return metrics.Failed("used", Refused(StatusCodes.Status409Conflict, "used", "Code already used.", new Reason("tan-used", "Each code signs once. Request a new code.")));
        if (tan.Attempts >= TanRules.MaxAttempts) return metrics.Failed("locked", Locked());
        if (now >= tan.ExpiresAt) return metrics.Failed("expired", Refused(StatusCodes.Status410Gone, "expired", "Code expired.", new Reason("tan-expired", $"A code is valid for {TanRules.Lifetime.TotalMinutes:0} minutes. Request a new code.")));
        if (request.Content != tan.ContentSha256)
        {
            return Problems.Fields(new FieldErrors { ["contentSha256"] = new Reason("content-mismatch", "This code was issued for a different document.") },
                extensions: new Dictionary<string, object?> { ["reason"] = "contentMismatch" });
        }

        var expected = Encoding.ASCII.GetBytes(tan.CodeHash);
        var actual = Encoding.ASCII.GetBytes(services.Hasher.Hash("tan", $"{tan.Id}:{request.TrimmedCode}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            tan.Attempts++;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            var left = TanRules.MaxAttempts - tan.Attempts;
            metrics.Failed("wrong_code");
            return left == 0 ? Locked() : Problems.Fields(
                new FieldErrors { ["code"] = new Reason("wrong-code", $"Wrong code. {left} attempt(s) left.").With("left", left) },
                extensions: new Dictionary<string, object?> { ["reason"] = "wrongCode", ["attemptsLeft"] = left });
        }

        tan.UsedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new VerifiedTan(true, tan.Id, tan.ContentSha256, tan.Purpose, now));
    }

    /// <summary>
    /// Whether a code was used, for staff and services: when the resident confirmed the code on the signing page
    /// the form records the signature by checking here that the code was used for exactly its content.
    /// </summary>
    public static async Task<Results<Ok<TanStatus>, ProblemHttpResult>> Status(Guid id, ClaimsPrincipal user, HttpRequest http, IdentityDb db, CancellationToken ct)
    {
        var tan = await db.Tans.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return tan is null || !MayUse(tan, user, http)
            ? Refused(StatusCodes.Status404NotFound, "unknown", "Code not found.", new Reason("tan-unknown", "There is no such code."))
            : TypedResults.Ok(new TanStatus(tan.Id, tan.ContentSha256, tan.Purpose, tan.Channel, tan.MaskedRecipient, tan.ExpiresAt,
                tan.UsedAt is not null, tan.UsedAt, tan.UsedAt is null && tan.Attempts >= TanRules.MaxAttempts));
    }

    /// <summary>
    /// Who may read a code's status: those who may try it (<see cref="MaySpend"/>) and staff acting for the department
    /// of the consultation it was issued in. Anyone else learns nothing, not even that it exists.
    /// </summary>
    private static bool MayUse(Tan tan, ClaimsPrincipal user, HttpRequest http)
    {
        if (user.IsStaff() && tan.DepartmentKey is { } department && user.CanActFor(department)) return true;
        return MaySpend(tan, user, http);
    }

    /// <summary>
    /// Who may try a code (each wrong try brings it closer to locking): services (forms records signatures) and whoever
    /// asked for it. Staff of the consultation's department read its status but never spend a resident's attempts.
    /// </summary>
    private static bool MaySpend(Tan tan, ClaimsPrincipal user, HttpRequest http)
    {
        if (user.IsInRole(StaffRoles.Service)) return true;
        if (user.IsStaff()) return tan.Requester == $"staff:{user.StaffId()}";
        var token = http.Headers[CapabilityToken.Header].ToString();
        return CapabilityToken.LooksValid(token) && tan.Requester == "resident:" + CapabilityToken.Hash(token);
    }

    private static ProblemHttpResult ConsultationClosed() =>
        Refused(StatusCodes.Status410Gone, "consultationClosed", "Consultation closed.", new Reason("tan-consultation-closed", "This consultation has ended; codes are issued only while it is open."));

    private static ProblemHttpResult Locked() =>
        Refused(StatusCodes.Status423Locked, "locked", "Code locked.", new Reason("tan-locked", $"The code was entered wrongly {TanRules.MaxAttempts} times. Request a new code."), 0);

    /// <summary>A refused code: <c>reason</c> is what the form service acts on, the reason code what a page shows.</summary>
    private static ProblemHttpResult Refused(int status, string outcome, string title, Reason reason, int? attemptsLeft = null)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = outcome };
        if (attemptsLeft is not null) extensions["attemptsLeft"] = attemptsLeft;
        return Problems.Status(status, title, reason, extensions);
    }
}
