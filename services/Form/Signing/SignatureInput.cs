using System.Text.Json;

namespace Municipal.Form.Signing;

/// <summary>{kind:'drawn', image (PNG data URL), strokes} or {kind:'tan', tanId, code}.</summary>
public sealed record SignatureInput(string? Kind, string? Image, JsonElement? Strokes, Guid? TanId, string? Code);

/// <summary>A signature and the content hash the signer was shown (optional: when given it must still be current).</summary>
public sealed record SignRequest(SignatureInput? Signature, string? ContentSha256);
