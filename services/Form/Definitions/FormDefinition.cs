using System.Text.Json;
using System.Text.Json.Serialization;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Definitions;

/// <summary>
/// A form as data. The same document is served to the browser and read by the server, so shared/rules.js and
/// <see cref="Rules.RuleEngine"/> judge exactly the same thing.
/// </summary>
public sealed record FormDefinition(
    string Id,
    int Version,
    string ConcernKey,
    string DepartmentKey,
    LocalizedText Title,
    LocalizedText? Intro,
    IReadOnlyList<FormSection> Sections)
{
    /// <summary>The concern and department key of a form any consultation may use (the confirmation of the consultation).</summary>
    public const string AnyConcern = "*";

    /// <summary>
    /// A form for any consultation, whatever its concern: its drafts and dossiers take the consultation's concern and
    /// department; it is offered for a concern without a form of its own and never filled alone (room probe F5: a
    /// concern that needs a signature but had no form could not be signed).
    /// </summary>
    [JsonIgnore]
    public bool ForAnyConcern => ConcernKey == AnyConcern;

    /// <summary>Every field that holds a value (group members, never the group), in display order.</summary>
    public IEnumerable<FormField> Leaves() => Sections.SelectMany(s => s.Fields).SelectMany(f => f.Fields is { Count: > 0 } ? f.Fields : [f]);

    public FormField? Leaf(string id) => Leaves().FirstOrDefault(f => f.Id == id);
}

public sealed record FormSection(string Id, LocalizedText Title, IReadOnlyList<FormField> Fields, Condition? VisibleWhen = null);

/// <remarks><c>optionSet</c> "countries" marks a choice of ISO 3166-1 codes: pages name them in their own language.</remarks>
public sealed record FormField(
    string Id,
    string Type,
    LocalizedText Label,
    LocalizedText? Help = null,
    bool Required = false,
    IReadOnlyList<FieldOption>? Options = null,
    IReadOnlyList<FieldRule>? Rules = null,
    Condition? VisibleWhen = null,
    string? Prefill = null,
    string? Autocomplete = null,
    bool Multiline = false,
    IReadOnlyList<FormField>? Fields = null,
    IReadOnlyList<string>? Include = null,
    IReadOnlyList<string>? Optional = null,
    IReadOnlyDictionary<string, IReadOnlyList<FieldRule>>? MemberRules = null,
    string? OptionSet = null);

public sealed record FieldOption(string Value, LocalizedText Label);

/// <summary>One check on a field: <c>type</c> names it; <c>value</c> is its number or pattern; <c>field</c>/<c>op</c> serve cross-field comparisons.</summary>
public sealed record FieldRule(string Type, JsonElement? Value = null, string? Field = null, string? Op = null, LocalizedText? Message = null);

/// <summary>When a section or field is shown: compares an earlier field's value (hidden fields count as empty).</summary>
public sealed record Condition(
    string? Field = null,
    [property: JsonPropertyName("equals")] JsonElement? EqualsValue = null,
    IReadOnlyList<JsonElement>? In = null,
    bool? NotEmpty = null,
    IReadOnlyList<Condition>? All = null,
    IReadOnlyList<Condition>? Any = null);
