using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Municipal.Form.Definitions;
using Municipal.ServiceDefaults.Mail;

namespace Municipal.Form.Rules;

/// <summary>
/// The server half of the one rule engine; gateway/wwwroot/shared/rules.js is the browser half. Both are held to
/// the same behaviour by the vectors in tests/Form.Tests/vectors, so change them together.
/// Semantics: strings are trimmed of spaces, tabs and line breaks; empty means null, "" or false; hidden fields
/// (section, group or field condition false) count as empty and are not checked; a field reports its first error.
/// </summary>
public static partial class RuleEngine
{
    public static readonly IReadOnlySet<string> LeafTypes = new HashSet<string> { "text", "email", "number", "date", "choice", "checkbox", "document" };

    public static readonly IReadOnlySet<string> RuleTypes = new HashSet<string>
    {
        "pattern", "minLength", "maxLength", "min", "max", "notInFuture", "notInPast", "maxDaysAhead", "maxDaysAgo", "minAge", "compare",
    };

    /// <summary>
    /// How long one value may take to match a definition's pattern. A pattern such as <c>(a+)+$</c> backtracks
    /// exponentially: 40 characters of a resident's input kept a core busy for minutes. Sane patterns on a field's value
    /// take microseconds.
    /// </summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    // Built once per pattern: the definitions are fixed at start-up, so these are few.
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>A definition's pattern as the whole value must match it (ECMAScript, as shared/rules.js reads it).</summary>
    /// <exception cref="ArgumentException">The pattern does not compile.</exception>
    public static Regex Pattern(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex("^(?:" + p + ")$", RegexOptions.ECMAScript, PatternTimeout));

    /// <summary>A value of a kind no field accepts (an object or array).</summary>
    private sealed class Invalid
    {
        public static readonly Invalid Instance = new();
    }

    /// <summary>The fields' errors; a pattern that runs out of time is logged (<paramref name="log"/>) as the definition's fault.</summary>
    public static IReadOnlyList<FieldError> Validate(FormDefinition definition, IReadOnlyDictionary<string, JsonElement> values, DateOnly today, string language = "de", ILogger? log = null)
    {
        var (effective, visible) = Resolve(definition, values);
        var errors = new List<FieldError>();
        foreach (var leaf in definition.Leaves())
        {
            if (!visible[leaf.Id]) continue;
            if (Check(leaf, effective, today, definition, language, log ?? NullLogger.Instance) is { } error) errors.Add(error);
        }
        return errors;
    }

    /// <summary>Which fields are shown for these values (group members by their own id).</summary>
    public static IReadOnlyDictionary<string, bool> Visibility(FormDefinition definition, IReadOnlyDictionary<string, JsonElement> values) =>
        Resolve(definition, values).Visible;

    /// <summary>The values that count: visible, non-empty, normalised (trimmed strings, booleans).</summary>
    public static SortedDictionary<string, object> Effective(FormDefinition definition, IReadOnlyDictionary<string, JsonElement> values)
    {
        var (effective, visible) = Resolve(definition, values);
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (id, value) in effective)
        {
            if (visible[id] && !IsEmpty(value) && value is not Invalid) result[id] = value!;
        }
        return result;
    }

    private static (Dictionary<string, object?> Effective, Dictionary<string, bool> Visible) Resolve(FormDefinition definition, IReadOnlyDictionary<string, JsonElement> values)
    {
        var effective = new Dictionary<string, object?>();
        var visible = new Dictionary<string, bool>();
        foreach (var section in definition.Sections)
        {
            var sectionVisible = Holds(section.VisibleWhen, effective);
            foreach (var field in section.Fields)
            {
                var fieldVisible = sectionVisible && Holds(field.VisibleWhen, effective);
                foreach (var leaf in field.Fields is { Count: > 0 } ? field.Fields : [field])
                {
                    var shown = fieldVisible && (leaf == field || Holds(leaf.VisibleWhen, effective));
                    visible[leaf.Id] = shown;
                    effective[leaf.Id] = shown ? Normalize(values.TryGetValue(leaf.Id, out var v) ? v : null) : null;
                }
            }
        }
        return (effective, visible);
    }

    private static bool Holds(Condition? c, Dictionary<string, object?> effective)
    {
        if (c is null) return true;
        var result = true;
        if (c.Field is not null)
        {
            var value = effective.GetValueOrDefault(c.Field);
            if (c.EqualsValue is { } expected) result &= Same(value, Normalize(expected));
            if (c.In is { } options) result &= options.Any(o => Same(value, Normalize(o)));
            if (c.NotEmpty is { } notEmpty) result &= notEmpty == !IsEmpty(value);
        }
        if (c.All is { } all) result &= all.All(inner => Holds(inner, effective));
        if (c.Any is { } any) result &= any.Any(inner => Holds(inner, effective));
        return result;
    }

    private static FieldError? Check(FormField leaf, Dictionary<string, object?> effective, DateOnly today, FormDefinition definition, string language, ILogger log)
    {
        var value = effective[leaf.Id];
        FieldError Error(string code, FieldRule? rule = null, string field = "", string? wording = null) => new(leaf.Id, code,
            rule?.Message?.For(language) ?? RuleMessages.For(wording ?? code, language, rule?.Value is { } v ? RuleText(v) : "", field));

        if (value is Invalid) return Error("type");
        // A box to tick is asked to be ticked, not "filled in".
        if (IsEmpty(value)) return leaf.Required ? Error("required", wording: leaf.Type == "checkbox" ? "requiredTick" : null) : null;

        var text = value as string;
        var typeError = leaf.Type switch
        {
            "text" => text is null ? "type" : null,
            "email" => text is null ? "type" : EmailAddresses.IsValid(text) ? null : "email",
            "number" => text is null ? "type" : ParseNumber(text) is null ? "number" : null,
            "date" => text is null ? "type" : ParseDate(text) is null ? "date" : null,
            "choice" => text is null || leaf.Options?.Any(o => o.Value == text) != true ? "choice" : null,
            "checkbox" => value is bool ? null : "type",
            "document" => text is null ? "type" : DocumentPattern().IsMatch(text) ? null : "document",
            _ => "type",
        };
        if (typeError is not null) return Error(typeError);

        foreach (var rule in leaf.Rules ?? [])
        {
            bool passes;
            try
            {
                passes = Passes(rule, leaf, text, effective, today);
            }
            catch (RegexMatchTimeoutException)
            {
                // The pattern, not the resident, is at fault; but a value it cannot judge in time is none it describes:
                // the field is refused with the rule's own message, and the definition's author finds the rule in the log.
                log.LogWarning("Form definition {Definition}: the pattern rule {Pattern} of field {Field} took over {Timeout} ms on a value of {Length} characters; the value is refused as not matching.",
                    definition.Id, rule.Value?.GetString(), leaf.Id, PatternTimeout.TotalMilliseconds, text?.Length);
                passes = false;
            }
            if (!passes)
            {
                var other = rule.Field is null ? "" : definition.Leaf(rule.Field)?.Label.For(language) ?? rule.Field;
                return Error(rule.Type, rule, other);
            }
        }
        return null;
    }

    private static bool Passes(FieldRule rule, FormField leaf, string? text, Dictionary<string, object?> effective, DateOnly today)
    {
        var n = rule.Value is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : 0;
        var date = text is null ? null : ParseDate(text);
        switch (rule.Type)
        {
            case "pattern":
                return text is not null && Pattern(rule.Value?.GetString() ?? "").IsMatch(text);
            case "minLength": return text is null || text.Length >= n;
            case "maxLength": return text is null || text.Length <= n;
            case "min": return (text is null ? null : ParseNumber(text)) is not { } low || low >= n;
            case "max": return (text is null ? null : ParseNumber(text)) is not { } high || high <= n;
            case "notInFuture": return date is null || date <= today.DayNumber;
            case "notInPast": return date is null || date >= today.DayNumber;
            case "maxDaysAhead": return date is null || date - today.DayNumber <= n;
            case "maxDaysAgo": return date is null || today.DayNumber - date <= n;
            case "minAge": return date is null || Age(DateOnly.FromDayNumber(date.Value), today) >= n;
            case "compare":
                var other = effective.GetValueOrDefault(rule.Field!) as string;
                double? self, them;
                if (leaf.Type == "date") { self = date; them = other is null ? null : ParseDate(other); }
                else { self = text is null ? null : ParseNumber(text); them = other is null ? null : ParseNumber(other); }
                if (self is null || them is null) return true;
                return rule.Op switch { "<" => self < them, "<=" => self <= them, ">" => self > them, _ => self >= them };
            default: return false;
        }
    }

    private static int Age(DateOnly birth, DateOnly today) =>
        today.Year - birth.Year - ((today.Month, today.Day).CompareTo((birth.Month, birth.Day)) < 0 ? 1 : 0);

    /// <summary>A day number for YYYY-MM-DD (years 1000–9999, real calendar days), else null.</summary>
    public static int? ParseDate(string text)
    {
        if (!DatePattern().IsMatch(text)) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1000 ? d.DayNumber : null;
    }

    private static double? ParseNumber(string text) =>
        NumberPattern().IsMatch(text) ? double.Parse(text.Replace(',', '.'), CultureInfo.InvariantCulture) : null;

    private static object? Normalize(JsonElement? value) => value?.ValueKind switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.Value.GetString()!.Trim(' ', '\t', '\r', '\n'),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => Invalid.Instance,
    };

    private static string RuleText(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("R", CultureInfo.InvariantCulture) : value.GetString() ?? "";

    private static bool IsEmpty(object? value) => value is null or "" or false;

    private static bool Same(object? a, object? b) => a is null ? b is null : a is not Invalid && a.Equals(b);

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DatePattern();

    // A decimal point or comma: French and Italian phone keyboards type "28,5" in a decimal field.
    [GeneratedRegex("^-?[0-9]+([.,][0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex DocumentPattern();
}
