using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;
using Municipal.DocumentIntake.Inspection;
using Municipal.DocumentIntake.Scanning;
using Municipal.DocumentIntake.Storage;

namespace Municipal.DocumentIntake.Uploads;

/// <summary>
/// Reads a multipart request section by section. Each file goes straight to the incoming folder in pieces of
/// <see cref="PieceSize"/> while its SHA-256 is computed, its content inspected and clamd scans it, so memory stays
/// flat however large the file is and the verdict is there soon after the last byte. A piece is filled before it is
/// handed on: one write to the disk and one to clamd per 256 KiB rather than per read of the request (at most
/// 16 KiB with the multipart reader's default buffer), which for a 100 MB file is 800 system calls instead of 19,200.
/// Limits (<c>Documents:MaxFileBytes</c>, <c>Documents:MaxFiles</c>) are enforced while reading.
/// </summary>
public sealed class UploadReader(IOptions<DocumentOptions> options, DocumentStorage storage, ClamAvScanner scanner)
{
    private const int MaxFieldLength = 4000;
    // Every page sends a handful of fields; thousands of them held a connection and an upload slot for 20 s behind the
    // gateway (outside probe). ASP.NET's own form limits do not apply to this reader.
    internal const int MaxFields = 32;
    internal const int PieceSize = 256 * 1024;
    private const int MultipartBufferSize = 64 * 1024;

    public sealed record Upload(IReadOnlyList<StagedFile> Files, IReadOnlyDictionary<string, string> Fields) : IDisposable
    {
        public string? Field(string name) => Fields.TryGetValue(name, out var value) && value.Trim().Length > 0 ? value.Trim() : null;

        /// <summary>Removes whatever was not moved into place.</summary>
        public void Dispose()
        {
            foreach (var file in Files) DocumentStorage.DeleteFile(file.IncomingPath);
        }
    }

    /// <summary>The most a request may carry by the service's own limits.</summary>
    public long MaxRequestBytes => options.Value.MaxRequestBytes;

    /// <summary>Limits below the service's own for one caller (a kiosk device's quota).</summary>
    public sealed record Limits(int MaxFiles, long MaxRequestBytes);

    public async Task<Upload> ReadAsync(HttpRequest request, CancellationToken ct, Limits? tighter = null)
    {
        var limits = options.Value;
        var maxFiles = Math.Min(limits.MaxFiles, tighter?.MaxFiles ?? int.MaxValue);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = Math.Min(limits.MaxRequestBytes, tighter?.MaxRequestBytes ?? long.MaxValue);
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw UploadRejected.For("files", "not-multipart", "Send the files as multipart/form-data.", StatusCodes.Status415UnsupportedMediaType);
        }

        var files = new List<StagedFile>();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sections = 0;
        var reader = new MultipartReader(boundary, request.Body, MultipartBufferSize) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            MultipartSection? section;
            while ((section = await FromRequest(() => reader.ReadNextSectionAsync(ct))) is not null)
            {
                var parsed = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
                var name = parsed ? HeaderUtilities.RemoveQuotes(disposition!.Name).Value ?? "" : "";
                if (!(parsed && disposition!.IsFileDisposition()) && ++sections > MaxFields)
                {
                    throw UploadRejected.For(IsPlainName(name) ? name : "fields", "too-many-fields", $"At most {MaxFields} fields besides the files can be sent.");
                }
                if (!parsed || !disposition!.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)) continue;
                if (disposition.IsFileDisposition())
                {
                    var field = name.Length > 0 && name.Length <= 40 ? name : "files";
                    if (files.Count >= maxFiles)
                    {
                        throw UploadRejected.For(field, "too-many-files", $"At most {maxFiles} files can be sent at once.", StatusCodes.Status413PayloadTooLarge);
                    }
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    // Named by its place, as its content is: with twenty files "files" alone said nothing (outside probe).
                    var key = $"{field}[{files.Count}]";
                    // Bytes that are not UTF-8 (in filename*, or raw in the header) arrive as U+FFFD; the name was stored without them.
                    if (fileName.Contains('\uFFFD', StringComparison.Ordinal))
                        throw UploadRejected.For(key, "invalid-character", "The file name is not valid UTF-8 text.");
                    // Shown only as FileNames.Sanitise leaves it, without direction controls: those are dropped, not refused.
                    if (InputText.Problem(fileName, singleLine: true, directionControlsDropped: true) is { } nameProblem)
                        throw UploadRejected.For(key, "file-name", nameProblem);
                    files.Add(await StageAsync(section, files.Count, field, fileName, limits.MaxFileBytes, ct));
                }
                else if (name.Length > 0)
                {
                    fields[name] = await ReadFieldAsync(section, name, ct);
                }
            }
        }
        catch (Exception ex) when (ex is UploadRejected or IOException or InvalidDataException or BadHttpRequestException or OperationCanceledException)
        {
            foreach (var file in files) DocumentStorage.DeleteFile(file.IncomingPath);
            if (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                throw UploadRejected.For("files", "too-large", "The request is larger than allowed.", StatusCodes.Status413PayloadTooLarge);
            }
            if (ex is InvalidDataException or BadHttpRequestException) throw UploadRejected.For("files", "malformed", "The upload could not be read; please send it again.");
            throw;
        }
        return new Upload(files, fields);
    }

    private async Task<StagedFile> StageAsync(MultipartSection section, int index, string field, string fileName, long maxBytes, CancellationToken ct)
    {
        var path = storage.NewIncomingPath();
        var inspector = new ContentInspector();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Two buffers: clamd takes one piece while the next is received into the other.
        byte[][] buffers = [new byte[PieceSize], new byte[PieceSize]];
        // Streamed to clamd while it arrives, unless clamd reads the stored file itself (Documents:ScanStoredFile).
        var byPath = options.Value.ScanStoredFile;
        await using var scan = byPath ? null : await scanner.StartAsync(ct);
        ScanResult? verdict = null;
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                for (var turn = 0; ; turn++)
                {
                    var buffer = buffers[turn % 2];
                    var read = await FillAsync(section.Body, buffer, ct);
                    if (read == 0) break;
                    if (inspector.Length + read > maxBytes)
                    {
                        throw UploadRejected.For($"{field}[{index}]", "file-too-large",
                            $"The file is larger than {maxBytes / (1024 * 1024)} MB.", StatusCodes.Status413PayloadTooLarge);
                    }
                    if (scan is not null) await scan.WriteAsync(buffer.AsMemory(0, read), ct);
                    hash.AppendData(buffer, 0, read);
                    inspector.Append(buffer.AsSpan(0, read));
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                    if (read < buffer.Length) break;
                }
            }
            if (scan is not null) verdict = await scan.CompleteAsync(ct);
            else if (byPath && inspector.Length > 0) verdict = await scanner.ScanFileAsync(path, inspector.Length, ct);
        }
        catch
        {
            DocumentStorage.DeleteFile(path);
            throw;
        }
        var (kind, problem) = inspector.Length == 0 ? (null, "empty") : inspector.Decide();
        // clamd unreachable, gone mid-stream or unable to read the stored file: the stored file is streamed to it again
        // (and, if still no answer, held for the pending-scan job).
        if (verdict?.Outcome == ScanOutcome.Unavailable) verdict = null;
        return new StagedFile(index, field, fileName, section.ContentType, path, inspector.Length,
            Convert.ToHexStringLower(hash.GetHashAndReset()), kind, problem, verdict);
    }

    /// <summary>A field name fit to name in a problem: short, letters, digits and - _ only.</summary>
    private static bool IsPlainName(string name) => name.Length is > 0 and <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Reads until the buffer is full or the section ends; fewer bytes than the buffer holds means the end.</summary>
    private static async Task<int> FillAsync(Stream body, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await FromRequest(() => body.ReadAsync(buffer.AsMemory(total), ct).AsTask())) > 0) total += read;
        return total;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private static async Task<string> ReadFieldAsync(MultipartSection section, string name, CancellationToken ct)
    {
        // Strict UTF-8, as JSON bodies are checked: StreamReader's default took FF FE as UTF-16's byte order mark and
        // stored the note garbled. Only UTF-8's own mark is skipped; any invalid byte is refused naming the field.
        using var reader = new StreamReader(section.Body, StrictUtf8, detectEncodingFromByteOrderMarks: false);
        var buffer = new char[MaxFieldLength + 1];
        var total = 0;
        int read;
        try
        {
            while (total <= MaxFieldLength && (read = await FromRequest(() => reader.ReadAsync(buffer.AsMemory(total), ct).AsTask())) > 0) total += read;
        }
        catch (DecoderFallbackException)
        {
            throw UploadRejected.For(name, Reasons.InvalidCharacter.Code, "This value is not valid UTF-8 text.");
        }
        if (total > MaxFieldLength) throw UploadRejected.For(name, "too-long", $"At most {MaxFieldLength} characters.");
        var value = new string(buffer, 0, total);
        // The same rule as for JSON bodies (the input guard does not read multipart): a NUL would fail in Postgres.
        if (InputText.Problem(value, InputText.IsSingleLine(name)) is { } problem) throw UploadRejected.For(name, "control-character", problem);
        // A note is read by a clerk beside the documents as the resident wrote it: no control that turns the direction of
        // what follows ("\u202E" showed "IBAN …" backwards in the inbox), as for descriptions and dossier notes.
        if (InputText.DirectionOverrideRefusal(value) is { } turned) throw UploadRejected.For(name, turned.Code, turned.Text);
        return value;
    }

    /// <summary>
    /// A body that breaks off mid-section makes the multipart reader throw IOException, which could be mistaken for a
    /// storage failure: as InvalidDataException it is answered as the caller's malformed upload (400).
    /// </summary>
    private static async Task<T> FromRequest<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (IOException ex)
        {
            throw new InvalidDataException("The request body ended early or could not be read.", ex);
        }
    }
}
