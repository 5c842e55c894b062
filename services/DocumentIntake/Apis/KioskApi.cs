using Municipal.ServiceDefaults.Mail;
using Microsoft.EntityFrameworkCore;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Kiosk;
using Municipal.DocumentIntake.Model;
using Municipal.DocumentIntake.Routing;
using Municipal.ServiceDefaults;
using Municipal.DocumentIntake.Submissions;
using Municipal.DocumentIntake.Uploads;

namespace Municipal.DocumentIntake.Apis;

/// <summary>
/// The town-hall scanner kiosk: no sign-in for the resident, but only a registered device (<see cref="KioskDevices"/>)
/// hands in, within its quotas: a concern, page images (combined into one PDF) or files, an optional e-mail address
/// for the receipt, and a receipt number in return.
/// </summary>
public static class KioskApi
{
    public static RouteGroupBuilder MapKioskApi(this RouteGroupBuilder api)
    {
        var kiosk = api.MapGroup("/kiosk").AllowAnonymous();
        kiosk.MapGet("/concerns", Concerns);
        kiosk.MapPost("/submissions", Submit).DisableAntiforgery();
        return api;
    }

    public sealed record KioskConcern(string ConcernKey, string DepartmentKey);

    /// <summary>The concerns the kiosk offers: those the routing rules know, with the department they go to.</summary>
    public static async Task<Ok<List<KioskConcern>>> Concerns(DocumentDb db, CancellationToken ct)
    {
        var rules = await db.RoutingRules.AsNoTracking()
            .Where(r => r.ConcernKey != null && r.Keyword == null && r.SourceDepartmentKey == null)
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(rules.DistinctBy(r => r.ConcernKey).Select(r => new KioskConcern(r.ConcernKey!, r.TargetDepartmentKey)).ToList());
    }

    public static async Task<Results<Created<SubmissionResult>, ProblemHttpResult>> Submit(
        HttpRequest request, KioskDevices devices, UploadReader reader, IntakeService intake, DocumentRouter router, CancellationToken ct)
    {
        var (device, unknown) = await devices.AuthenticateAsync(request, ct);
        if (device is null) return unknown!;
        var quotas = devices.Quotas;
        if (request.ContentLength > quotas.BytesPerRequest)
        {
            return UploadProblems.OverLimit(UploadRejected.For("files", "too-large",
                $"At most {quotas.BytesPerRequest / (1024 * 1024)} MB can be handed in at once.", StatusCodes.Status413PayloadTooLarge), "bytesPerRequest", quotas.BytesPerRequest);
        }
        if (await devices.CheckHourAsync(device, request.ContentLength, request.HttpContext.Response, ct) is { } spent) return spent;
        // A refusal after the body was read, or a request broken off, counts against the hour's quotas too: it was
        // received and scanned.
        return await CountedBody.ChargingRefusalsAsync(request, () => ReceiveAsync(request, device, devices, reader, intake, router, ct),
            (bytes, token) => devices.ChargeRefusedAsync(device, bytes, token), ct);
    }

    private static async Task<Results<Created<SubmissionResult>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, KioskDevice device, KioskDevices devices, UploadReader reader, IntakeService intake, DocumentRouter router, CancellationToken ct)
    {
        var quotas = devices.Quotas;
        try
        {
            using var upload = await reader.ReadAsync(request, ct, new UploadReader.Limits(quotas.FilesPerRequest, quotas.BytesPerRequest));
            var concern = upload.Field("concernKey");
            if (concern is null) return UploadProblems.Field("concernKey", "required", "Choose a concern.");
            if (!await router.OffersAsync(concern, ct)) return UploadProblems.Field("concernKey", "unknown", "This concern is not offered here.");
            var email = upload.Field("email");
            if (email is not null && !EmailAddresses.IsValid(email)) return UploadProblems.Field("email", "invalid", "Enter a valid e-mail address or leave the field empty.");
            var note = upload.Field("note");
            if (note is { Length: > 1000 }) return UploadProblems.Field("note", "too-long", "At most 1000 characters.");

            // The chosen concern decides the department; a general one is routed by what the files and note say.
            var chosen = await router.ForChosenConcernAsync(concern, ct);
            var draft = new SubmissionDraft(Channels.Kiosk, concern, chosen?.DepartmentKey, Note: note, Email: email,
                Language: UploadApi.Language(upload.Field("language")), CombineImagesIntoPdf: true, DepartmentIsFinal: chosen is not null,
                KioskDeviceId: device.Id, FinalRule: chosen?.RuleName);
            devices.Touch(device);
            var result = await intake.AcceptAsync(upload, draft, ct);
            return TypedResults.Created($"/api/documents/kiosk/submissions/{result.ReceiptNumber}", result);
        }
        catch (UploadRejected rejected) when (rejected.Reasons.ContainsValue("too-many-files"))
        {
            return UploadProblems.OverLimit(rejected, "filesPerRequest", quotas.FilesPerRequest);
        }
        catch (UploadRejected rejected) when (rejected.Reasons.ContainsValue("too-large"))
        {
            return UploadProblems.OverLimit(rejected, "bytesPerRequest", quotas.BytesPerRequest);
        }
        catch (UploadRejected rejected)
        {
            return UploadProblems.From(rejected);
        }
    }
}
