using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Municipal.Form.Apis;
using Municipal.Form.Clients;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Model;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Media;

namespace Municipal.Form.Signing;

/// <summary>
/// Binds a signature to the exact content: the hash over the current values is stored with it, and any later
/// field change clears it (DraftStore.InvalidateSignatureAsync). Drawn signatures keep the picture and the
/// strokes; a TAN is verified by the identity service for that very hash.
/// </summary>
public sealed class Signer(FormDb db, IdentityTans tans, CityClock clock)
{
    private const int MaxImageBytes = 300_000;

    /// <summary>Signs the (locked, tracked) draft; returns a problem to answer with, or null when signed.</summary>
    public async Task<IResult?> SignAsync(Draft draft, string currentHash, SignRequest request, HttpRequest caller, CancellationToken ct)
    {
        if (request.ContentSha256 is { } shown && !string.Equals(shown, currentHash, StringComparison.OrdinalIgnoreCase))
            return Problems.Conflict(new Reason("form-changed-before-signing", "The form changed after it was shown for signing. Review the form and sign again."),
                new Dictionary<string, object?> { ["contentSha256"] = currentHash });

        var signature = request.Signature;
        string summary;
        var now = clock.Now;
        var local = clock.Local(now).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
        switch (signature?.Kind)
        {
            case "drawn":
                if (PngDataUrl(signature.Image) is not { } png || ImageHeader.Read(png) is not { Format: ImageFormat.Png } size)
                    return Problems.Field("signature.image", new Reason("signature-image", "The signature must be a PNG image (data URL) of at most 300 kB.").With("max", 300));
                if (!Printable(size))
                    return Problems.Field("signature.image", new Reason("signature-size", $"The signature image is too large: at most {MaxSide} × {MaxSide} pixels.").With("max", MaxSide));
                if (StrokesTooLarge(signature.Strokes))
                    return Problems.Field("signature.strokes", new Reason("signature-strokes-too-large", $"The signature's strokes are too large: at most {MaxStrokeLines} lines and {MaxStrokesJson / 1000} kB.")
                        .With("max", MaxStrokesJson / 1000).With("lines", MaxStrokeLines));
                if (!HasStrokes(signature.Strokes)) return Problems.Field("signature.strokes", new Reason("signature-empty", "The signature has no strokes: please sign in the box."));
                summary = Languages.Choose(draft.Language,
                    $"Am {local} auf dem Bildschirm unterschrieben über Inhalts-Prüfsumme {currentHash[..16]}…",
                    $"Signed by hand on screen on {local} over content hash {currentHash[..16]}…",
                    $"Signé à la main sur l’écran le {local}, somme de contrôle du contenu {currentHash[..16]}…",
                    $"Firmato a mano sullo schermo il {local}, somma di controllo del contenuto {currentHash[..16]}…");
                draft.SignatureImage = signature.Image;
                draft.SignatureStrokes = signature.Strokes!.Value.GetRawText();
                break;
            case "tan":
                if (draft.TanId is not { } tanId) return Problems.Field("signature.code", new Reason("code-not-requested", "Request a code for this form first."));
                // Only the code the form service requested for this draft signs it.
                if (signature.TanId is { } named && named != tanId) return Problems.Field("signature.tanId", new Reason("code-not-latest", "This code was not requested for this form; use the latest code."));
                if (signature.Code?.Trim() is not { Length: > 0 } code) return Problems.Field("signature.code", new Reason("code-required", "Enter the code you received."));
                if (await tans.VerifyAsync(tanId, code, currentHash, ct) is { } refusal) return Refused(refusal);
                var channel = draft.TanChannel == "sms" ? "SMS" : Languages.Choose(draft.Language, "E-Mail", "e-mail", "e-mail", "e-mail");
                summary = Languages.Choose(draft.Language,
                    $"Mit Einmal-Code (TAN) per {channel} an {draft.TanRecipient} unterschrieben, am {local} vom Identitätsdienst für die Inhalts-Prüfsumme {currentHash[..16]}… bestätigt",
                    $"Signed with a one-time TAN sent by {channel} to {draft.TanRecipient}, confirmed by the identity service on {local} for content hash {currentHash[..16]}…",
                    $"Signé avec un code à usage unique (TAN) envoyé par {channel} à {draft.TanRecipient}, confirmé par le service d’identification le {local} pour la somme de contrôle {currentHash[..16]}…",
                    $"Firmato con un codice monouso (TAN) inviato per {channel} a {draft.TanRecipient}, confermato dal servizio d’identità il {local} per la somma di controllo {currentHash[..16]}…");
                draft.SignatureImage = null;
                draft.SignatureStrokes = null;
                draft.TanId = null;
                break;
            default:
                return Problems.Field("signature.kind", new Reason("signature-kind", "Sign by drawing ('drawn') or with a TAN ('tan')."));
        }

        draft.SignatureKind = signature.Kind;
        draft.SignatureContentSha256 = currentHash;
        draft.SignatureSummary = summary;
        draft.SignedAt = now;
        draft.SignatureInvalidatedAt = null;
        draft.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Identity's refusal as the resident should read it: a wrong code says how many attempts are left.</summary>
    internal static IResult Refused(IdentityTans.Refusal refusal)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = refusal.Reason };
        if (refusal.AttemptsLeft is { } left) extensions["attemptsLeft"] = left;
        var reason = refusal.Reason switch
        {
            "wrongCode" => new Reason("wrong-code", $"Wrong code. {refusal.AttemptsLeft} attempt(s) left.").With("left", refusal.AttemptsLeft),
            "locked" => new Reason("tan-locked", "The code was entered wrongly too often. Request a new code."),
            "expired" => new Reason("tan-expired", "The code has expired. Request a new code."),
            "used" => new Reason("tan-used", "This code was already used. Request a new code."),
            "unknown" => new Reason("tan-unknown", "There is no such code. Request a new code."),
            "contentMismatch" => null,
            // Identity's own check of the code's form (six digits): the only other refusal of the code field.
            _ => refusal.Errors.GetValueOrDefault("code")?.FirstOrDefault() is { } text ? new Reason("six-digits", text) : null,
        };
        if (reason is not null && refusal.Status < 500)
            return Problems.Fields(new FieldErrors { ["signature.code"] = reason }, extensions: extensions);
        if (refusal.Reason == "contentMismatch")
            return Problems.Conflict(new Reason("form-changed-after-code", "The form changed after the code was sent. Request a new code for the current content."), extensions);
        return Relayed(refusal, extensions);
    }

    /// <summary>
    /// Identity's other refusals of a code (too many requested, the service unreachable …), with a code of our own for
    /// the pages: identity's detail stays the English text.
    /// </summary>
    internal static ProblemHttpResult Relayed(IdentityTans.Refusal refusal, IDictionary<string, object?>? extensions = null) =>
        Problems.Status(refusal.Status, refusal.Title ?? "Code refused", refusal.Status switch
        {
            StatusCodes.Status429TooManyRequests => new Reason("tan-too-many", refusal.Detail ?? "Too many codes were requested. Please wait a moment."),
            >= 500 => new Reason("tan-unavailable", refusal.Detail ?? "The code service is not reachable. Please try again in a moment."),
            _ => new Reason("tan-refused", refusal.Detail ?? "The code was refused. Request a new code."),
        }, extensions);

    /// <summary>The bytes of a base64 PNG data URL of at most <see cref="MaxImageBytes"/>, or null.</summary>
    /// <summary>The largest side a signature pad produces is its width times the device pixel ratio (about 3 000).</summary>
    public const int MaxSide = 4096;

    /// <summary>At most 8 million pixels: 32 MB once decoded.</summary>
    public const long MaxPixels = 8L * 1024 * 1024;

    /// <summary>
    /// Whether the PDF printer (Chromium) may be given the signature: a PNG of a few hundred bytes can state
    /// 100 000 × 100 000 pixels, which it would decode into gigabytes.
    /// </summary>
    private static bool Printable(ImageHeader size) => size.Width <= MaxSide && size.Height <= MaxSide && size.Pixels <= MaxPixels;

    private static byte[]? PngDataUrl(string? image)
    {
        const string prefix = "data:image/png;base64,";
        if (image is null || !image.StartsWith(prefix, StringComparison.Ordinal) || image.Length > prefix.Length + MaxImageBytes * 4 / 3 + 4) return null;
        try
        {
            return Convert.FromBase64String(image[prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Bounds of a drawn signature's strokes as kept with the draft: far above any hand's, far below the body limit.</summary>
    public const int MaxStrokeLines = 500, MaxStrokesJson = 400_000;

    private static bool StrokesTooLarge(JsonElement? strokes) =>
        strokes is { ValueKind: JsonValueKind.Array } s && (s.GetArrayLength() > MaxStrokeLines || s.GetRawText().Length > MaxStrokesJson);

    // Strokes: [[{x,y,t}...], ...], [[[x,y]...], ...] or [{pointerType, points: [...]}, ...] (identity's pad); at least one line with two points.
    private static bool HasStrokes(JsonElement? strokes) =>
        strokes is { ValueKind: JsonValueKind.Array } s && s.GetArrayLength() > 0
        && s.EnumerateArray().Any(line =>
            line.ValueKind == JsonValueKind.Array && line.GetArrayLength() >= 2
            || line.ValueKind == JsonValueKind.Object && line.TryGetProperty("points", out var points) && points.ValueKind == JsonValueKind.Array && points.GetArrayLength() >= 2);
}
