using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Municipal.Contracts.Documents;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;
using Municipal.DocumentIntake.Routing;
using Municipal.DocumentIntake.Scanning;
using Municipal.DocumentIntake.Telemetry;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Media;
using Municipal.DocumentIntake.Inspection;
using Municipal.DocumentIntake.Pdf;
using Municipal.DocumentIntake.Storage;
using Municipal.DocumentIntake.Uploads;

namespace Municipal.DocumentIntake.Submissions;

/// <summary>
/// Turns staged files into documents: virus scan first (an infected file is quarantined whatever it claims to be),
/// then the type decided by content and checked against the name and declared type, duplicates within the
/// submission dropped, kiosk page images combined into one PDF, every document routed, stored by id, and the
/// events recorded for the outbox. Nothing is kept when any file is refused, and a file stays in storage only
/// when its row was committed: a failed commit removes the files it placed (the orphan sweep catches a crash).
/// </summary>
public sealed class IntakeService(
    DocumentDb db,
    DocumentStorage storage,
    ClamAvScanner scanner,
    DocumentMetrics metrics,
    DocumentRouter router,
    TimeProvider clock,
    IConfiguration configuration,
    IOptions<DocumentOptions> options,
    ILogger<IntakeService> logger)
{
    private sealed record Checked(StagedFile File, ScanResult Scan);

    /// <summary>Files waiting in the incoming folder for their rows' commit, by document id.</summary>
    private readonly List<(string IncomingPath, Guid Id)> placements = [];

    public async Task<SubmissionResult> AcceptAsync(UploadReader.Upload upload, SubmissionDraft draft, CancellationToken ct)
    {
        if (upload.Files.Count == 0) throw UploadRejected.For("files", "no-files", "Choose at least one file.");

        var errors = new Dictionary<string, string[]>();
        var reasons = new Dictionary<string, string>();
        var args = new Dictionary<string, Dictionary<string, object>>();
        var accepted = new List<Checked>();
        foreach (var file in upload.Files)
        {
            // Scanned while it arrived, or, when clamd could not be asked then, now from the stored file.
            var scan = file.Scan;
            if (scan is null)
            {
                await using var content = File.OpenRead(file.IncomingPath);
                scan = await scanner.ScanAsync(content, ct);
            }
            var reason = scan.Outcome == ScanOutcome.Infected ? null : Refusal(file) ?? ImageRefusal(file);
            if (reason is null && draft.CombineImagesIntoPdf && file.Kind == FileKind.Jpeg && scan.Outcome != ScanOutcome.Infected && ReadJpeg(file) is null)
            {
                reason = "damaged";
            }
            if (reason is not null)
            {
                errors[file.ErrorKey] = [Messages[reason]];
                reasons[file.ErrorKey] = reason;
                if (reason == "too-many-pixels") args[file.ErrorKey] = new() { ["max"] = MaxMegapixels };
                continue;
            }
            accepted.Add(new Checked(file, scan));
        }
        if (errors.Count > 0) throw new UploadRejected(errors, reasons, args: args);

        var now = clock.GetUtcNow();
        var submission = new Submission
        {
            Id = Guid.CreateVersion7(),
            Channel = draft.Channel,
            ConcernKey = draft.ConcernKey,
            DepartmentKey = draft.DepartmentKey,
            SessionId = draft.SessionId,
            DossierId = draft.DossierId,
            ResidentLinkId = draft.ResidentLinkId,
            ResidentTokenHash = draft.ResidentTokenHash,
            Note = draft.Note,
            Email = draft.Email,
            Language = draft.Language,
            CreatedAt = now,
            KioskDeviceId = draft.KioskDeviceId,
            ReceivedBytes = upload.Files.Sum(f => f.Length),
        };
        if (draft.Channel == Channels.Kiosk)
        {
            var year = TimeZoneInfo.ConvertTime(now, CityTimeZone()).Year;
            submission.ReceiptNumber = $"K-{year}-{await db.NextReceiptNumberAsync(ct):D6}";
        }
        db.Submissions.Add(submission);

        var results = new List<SubmittedDocument>();
        var seen = new Dictionary<string, Guid>();
        var unique = new List<Checked>();
        foreach (var item in accepted)
        {
            if (seen.TryGetValue(item.File.Sha256, out var first))
            {
                results.Add(new SubmittedDocument(null, FileNames.Sanitise(item.File.OriginalName, item.File.Kind), "duplicate",
                    item.File.Kind?.ContentType ?? "application/octet-stream", item.File.Length, item.File.Sha256, DuplicateOf: first));
                continue;
            }
            seen[item.File.Sha256] = Guid.CreateVersion7();
            unique.Add(item);
        }

        var pages = draft.CombineImagesIntoPdf
            ? unique.Where(c => c.File.Kind == FileKind.Jpeg && c.Scan.Outcome != ScanOutcome.Infected).ToList()
            : [];
        foreach (var item in unique.Except(pages))
        {
            var id = seen[item.File.Sha256];
            var kind = item.File.Kind ?? FileKind.Pdf;
            var name = FileNames.Sanitise(item.File.OriginalName, item.Scan.Outcome == ScanOutcome.Infected ? null : kind);
            var document = await NewDocumentAsync(id, submission, draft, name,
                item.Scan.Outcome == ScanOutcome.Infected ? "application/octet-stream" : kind.ContentType, item.File.Length, item.File.Sha256, null, now, ct);
            DocumentEvents.ApplyScan(db, document, submission, item.Scan, now, metrics);
            placements.Add((item.File.IncomingPath, id));
            results.Add(View(document));
        }
        if (pages.Count > 0)
        {
            var pdf = await CombineAsync(pages, submission, draft, now, ct);
            // A repeated page is a duplicate of the PDF it would have joined.
            var pageIds = pages.Select(p => seen[p.File.Sha256]).ToHashSet();
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].DuplicateOf is { } of && pageIds.Contains(of)) results[i] = results[i] with { DuplicateOf = pdf.Id };
            }
            results.Add(pdf);
        }

        if (submission.ReceiptNumber is { } receipt)
        {
            db.Publish(new KioskSubmissionReceived(submission.Id, receipt, submission.ConcernKey, results.Count(r => r.Id is not null), submission.Email is not null, now));
        }
        await CommitAsync(submission.Id, ct);
        logger.LogInformation("Submission {SubmissionId} via {Channel}: {Count} document(s)", submission.Id, submission.Channel, results.Count);
        return new SubmissionResult(submission.Id, submission.ReceiptNumber, results.OrderBy(r => r.Status == "duplicate").ToList());
    }

    /// <summary>
    /// Moves the files into place, then commits their rows. Should the commit fail, the files go again, unless the
    /// rows turn out to exist after all (a commit whose answer was lost); when that cannot be told, the orphan sweep
    /// decides later by the same rule. The combined PDF, made here, is removed from the incoming folder as well.
    /// </summary>
    private async Task CommitAsync(Guid submissionId, CancellationToken ct)
    {
        var placed = new List<Guid>();
        try
        {
            foreach (var (path, id) in placements)
            {
                storage.Commit(path, id);
                placed.Add(id);
            }
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex)
        {
            foreach (var (path, _) in placements) DocumentStorage.DeleteFile(path);
            if (!await CommittedAsync(submissionId))
            {
                foreach (var id in placed) storage.Delete(id);
                logger.LogWarning(ex, "Submission {SubmissionId} failed to commit; its {Count} file(s) were removed", submissionId, placed.Count);
            }
            throw;
        }
    }

    /// <summary>Whether the submission's rows exist after a failed commit; when that cannot be told, its files stay for the orphan sweep.</summary>
    private async Task<bool> CommittedAsync(Guid submissionId)
    {
        try
        {
            return await db.Submissions.AsNoTracking().AnyAsync(s => s.Id == submissionId, CancellationToken.None);
        }
        catch (Exception check)
        {
            logger.LogWarning(check, "Submission {SubmissionId} failed to commit and cannot be checked; the orphan sweep removes its files", submissionId);
            return true;
        }
    }

    private async Task<SubmittedDocument> CombineAsync(List<Checked> pages, Submission submission, SubmissionDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var path = storage.NewIncomingPath();
        PdfWriter.Result written;
        try
        {
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            written = await PdfWriter.WriteAsync(pages.Select(p => new PdfWriter.Page(p.File.IncomingPath, ReadJpeg(p.File)!)).ToList(), output, now, ct);
        }
        catch
        {
            DocumentStorage.DeleteFile(path);
            throw;
        }
        var name = submission.ReceiptNumber is { } receipt ? $"{receipt}.pdf" : "scan.pdf";
        var document = await NewDocumentAsync(id, submission, draft, name, FileKind.Pdf.ContentType, written.Length, written.Sha256, pages.Count, now, ct);
        // Every page was scanned on its own; the PDF adds only our own structure. If any page waits for clamd, the
        // whole PDF waits and is scanned as a whole when clamd is back.
        var scan = pages.All(p => p.Scan.Outcome == ScanOutcome.Clean) ? ScanResult.Clean : ScanResult.Unavailable("a page is not scanned yet");
        DocumentEvents.ApplyScan(db, document, submission, scan, now, metrics);
        placements.Add((path, id));
        return View(document);
    }

    private async Task<Document> NewDocumentAsync(Guid id, Submission submission, SubmissionDraft draft, string name, string contentType,
        long length, string sha256, int? pageCount, DateTimeOffset now, CancellationToken ct)
    {
        var route = draft.DepartmentIsFinal && draft.DepartmentKey is { } department
            ? new DocumentRouter.Route(department, draft.FinalReason)
            : await router.RouteAsync(new DocumentRouter.Facts(draft.ConcernKey, draft.DepartmentKey, name, draft.Note), ct);
        var document = new Document
        {
            Id = id,
            SubmissionId = submission.Id,
            FileName = name,
            ContentType = contentType,
            Length = length,
            Sha256 = sha256,
            PageCount = pageCount,
            DepartmentKey = route.DepartmentKey,
            ConcernKey = draft.ConcernKey,
            RoutingRule = route.RuleName,
            ReceivedAt = now,
        };
        db.Documents.Add(document);
        return document;
    }

    internal static SubmittedDocument View(Document d) =>
        new(d.Id, d.FileName, d.Status, d.ContentType, d.Length, d.Sha256, d.PageCount, DepartmentKey: d.DepartmentKey);

    private static string? Refusal(StagedFile file)
    {
        if (file.Problem is not null) return file.Problem;
        if (file.Kind is null) return "unsupported";
        if (!file.Kind.AgreesWithName(FileNames.Sanitise(file.OriginalName)) || !file.Kind.AgreesWithDeclared(file.DeclaredType)) return "mislabelled";
        return null;
    }

    private long MaxMegapixels => options.Value.MaxImagePixels / 1_000_000;

    /// <summary>
    /// An image is refused before anything is stored when its header states more pixels than a viewer should be asked
    /// to allocate, or when it is a JPEG that neither a browser nor the kiosk's PDF can show (lossless, arithmetic).
    /// </summary>
    private string? ImageRefusal(StagedFile file)
    {
        if (file.Kind is not { } kind || kind == FileKind.Pdf) return null;
        using var stream = File.OpenRead(file.IncomingPath);
        if (ImageSize.LargestPixels(stream, kind) is not { } pixels) return "damaged";
        if (pixels > options.Value.MaxImagePixels) return "too-many-pixels";
        if (kind != FileKind.Jpeg) return null;
        stream.Position = 0;
        // Huffman-coded frames only: a lossless (SOF3) or arithmetic-coded (SOF9 …) JPEG merged by the kiosk rendered as
        // a blank page, and the scan it was made from was gone (outside probe).
        return ImageHeader.Read(stream) is { Jpeg.HuffmanCoded: false } ? "unsupported-image" : null;
    }

    /// <summary>The header when the file is a JPEG a PDF can embed as it is: 8-bit samples in 1, 3 or 4 components.</summary>
    private static ImageHeader? ReadJpeg(StagedFile file)
    {
        using var stream = File.OpenRead(file.IncomingPath);
        return ImageHeader.Read(stream) is { Jpeg: { Components: 1 or 3 or 4, Precision: 8 } } header ? header : null;
    }

    private TimeZoneInfo CityTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(CityClock.ZoneId(configuration), out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Problem messages by reason code; the pages translate the codes, these are for API clients.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>
    {
        ["empty"] = "The file is empty.",
        ["unsupported"] = "Only PDF, JPEG, PNG and TIFF files are accepted.",
        ["damaged"] = "The file is damaged or incomplete.",
        ["polyglot"] = "The file contains a second format or active content (for example a script) and is not accepted.",
        ["mislabelled"] = "The file's name or declared type does not match its content.",
        ["encrypted"] = "The PDF is encrypted and cannot be checked; please send it without a password.",
        ["too-many-pixels"] = "The image has more pixels than are accepted; please send it at a lower resolution.",
        ["unsupported-image"] = "This kind of JPEG (lossless or arithmetic-coded) cannot be shown; please send it as an ordinary JPEG, PNG or PDF.",
        ["not-inspectable"] = "The PDF keeps parts in a form that cannot be checked; please print or save it as a new PDF and send that.",
    };
}
