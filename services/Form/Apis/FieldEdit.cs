using System.Text.Json;
using Municipal.Form.Definitions;
using Municipal.Form.Rules;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

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

    /// <summary>
    /// Why the value cannot be stored in <paramref name="leaf"/>, or null when it can (the form's own rules are checked
    /// on submit). A one-line text field (names, street, town …) is held to the rule for names everywhere
    /// (<see cref="InputText.PersonNameProblem"/>): no line breaks, no direction controls, no links; they reach the
    /// dossier's applicant name, the staff lists and the PDF. A multi-line field keeps its line breaks. A date field's
    /// text is a day of the calendar.
    /// </summary>
    public Reason? ValueRefusal(FormField? leaf = null) => ValueOrCleared switch
    {
        _ when !HasScalarValue => new Reason("field-value-type", "A field value is text, a number, true/false or null."),
        { ValueKind: JsonValueKind.String } text when text.GetString()!.Length > MaxTextLength => Reasons.TooLong(MaxTextLength),
        { ValueKind: JsonValueKind.String } text when leaf is { Type: "text", Multiline: false } && InputText.PersonNameProblem(text.GetString()) is { } refused => refused,
        // A day that does not exist (31 February) was stored and failed only at submit, where a date input cannot show it
        // (room probe, 2026-12-06): a date field holds a calendar day or nothing.
        { ValueKind: JsonValueKind.String } text when leaf is { Type: "date" } && text.GetString() is { Length: > 0 } day && RuleEngine.ParseDate(day) is null
            => Reasons.DateFormat("2027-03-01"),
        // 1e999999 and 1e-999999 are valid JSON, but no numbers a form holds, and beyond the database's numbers.
        { ValueKind: JsonValueKind.Number } number when !Representable(number) => Reasons.WrongFormat,
        _ => null,
    };

    /// <summary>A finite double, and zero only when written as zero (not a tiny number that rounds to it).</summary>
    private static bool Representable(JsonElement number) =>
        number.TryGetDouble(out var n) && double.IsFinite(n)
        && (n != 0 || number.GetRawText().Split('e', 'E')[0].All(c => c is '0' or '.' or '-'));

    /// <summary>The first refused part of the edit, as a field problem; empty when it can be written.</summary>
    public FieldErrors Validate(FormField? leaf = null)
    {
        var errors = new FieldErrors();
        if (ValueRefusal(leaf) is { } refused) errors["value"] = refused;
        else if (BaseVersion is not >= 0) errors["baseVersion"] = new Reason("base-version", "The version the edit is based on is required (0 for a new field).");
        else if (ClientIds.Refusal(ClientId) is { } clientId) errors["clientId"] = clientId;
        return errors;
    }
}
