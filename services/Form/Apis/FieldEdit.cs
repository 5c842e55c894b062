using System.Text.Json;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Apis;

/// <summary>One field's new value, written only if the field is still at <c>baseVersion</c> (0 for a new field).</summary>
public sealed record FieldEdit(JsonElement? Value, int? BaseVersion, string? ClientId)
{
    public const int MaxTextLength = 10_000;

    // JSON null: a cleared field.
    private static readonly JsonElement Cleared = JsonDocument.Parse("null").RootElement;

    /// <summary>The value to store: JSON null when none was sent.</summary>
    public JsonElement ValueOrCleared => Value ?? Cleared;

    /// <summary>Whether the value is one a field holds: text, a number, true/false or null (no object, no array).</summary>
    public bool HasScalarValue =>
        ValueOrCleared.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number or JsonValueKind.Null;

    /// <summary>The first refused part of the edit, as a field problem; empty when it can be written.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (!HasScalarValue) errors["value"] = new Reason("field-value-type", "A field value is text, a number, true/false or null.");
        else if (ValueOrCleared.ValueKind == JsonValueKind.String && ValueOrCleared.GetString()!.Length > MaxTextLength) errors["value"] = Reasons.TooLong(MaxTextLength);
        else if (BaseVersion is not >= 0) errors["baseVersion"] = new Reason("base-version", "The version the edit is based on is required (0 for a new field).");
        return errors;
    }
}
