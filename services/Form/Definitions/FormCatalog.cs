using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Municipal.Form.Rules;

namespace Municipal.Form.Definitions;

/// <summary>
/// The form definitions shipped with the service (JSON embedded under Definitions/Forms), expanded and checked
/// once at start-up: a broken definition stops the service instead of failing a resident half-way.
/// </summary>
public sealed class FormCatalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, FormDefinition> definitions;

    private readonly ILogger log;

    public FormCatalog(ILogger<FormCatalog>? log = null) : this(LoadEmbedded(), log)
    {
    }

    public FormCatalog(IEnumerable<FormDefinition> source, ILogger<FormCatalog>? log = null)
    {
        this.log = log ?? NullLogger<FormCatalog>.Instance;
        definitions = source.Select(Prepare).ToDictionary(d => d.Id);
        // Dossier mails go to the address the form asks for, so every form the city ships asks for exactly one.
        foreach (var d in definitions.Values.Where(d => d.Leaves().Count(f => f.Type == "email" && f.Required) != 1))
            throw new InvalidDataException($"Form definition {d.Id}: needs exactly one required email field");
    }

    public IReadOnlyCollection<FormDefinition> All => definitions.Values;

    public FormDefinition? Find(string id) => definitions.GetValueOrDefault(id);

    /// <summary>The values' errors by the definition's rules; what the definition does wrong is logged here.</summary>
    public IReadOnlyList<FieldError> Validate(FormDefinition definition, IReadOnlyDictionary<string, JsonElement> values, DateOnly today, string language) =>
        RuleEngine.Validate(definition, values, today, language, log);

    public static FormDefinition Parse(string json) =>
        JsonSerializer.Deserialize<FormDefinition>(json, Json) ?? throw new InvalidDataException("Empty form definition.");

    /// <summary>Writes out field groups and checks that every reference and rule makes sense.</summary>
    public static FormDefinition Prepare(FormDefinition definition)
    {
        var expanded = definition with
        {
            Sections = definition.Sections.Select(s => s with { Fields = s.Fields.Select(FieldGroups.Expand).ToList() }).ToList(),
        };
        Check(expanded);
        return expanded;
    }

    private static void Check(FormDefinition d)
    {
        var seen = new List<string>();
        var ids = new HashSet<string>();
        void Fail(string message) => throw new InvalidDataException($"Form definition {d.Id}: {message}");

        foreach (var section in d.Sections)
        {
            CheckCondition(section.VisibleWhen, seen, section.Id, Fail);
            foreach (var field in section.Fields)
            {
                if (!ids.Add(field.Id)) Fail($"duplicate id {field.Id}");
                CheckCondition(field.VisibleWhen, seen, field.Id, Fail);
                foreach (var leaf in field.Fields is { Count: > 0 } ? field.Fields : [field])
                {
                    if (leaf != field && !ids.Add(leaf.Id)) Fail($"duplicate id {leaf.Id}");
                    if (!RuleEngine.LeafTypes.Contains(leaf.Type)) Fail($"{leaf.Id} has unknown type {leaf.Type}");
                    if (leaf.Type == "choice" && leaf.Options is not { Count: > 0 }) Fail($"{leaf.Id} is a choice without options");
                    if (leaf != field) CheckCondition(leaf.VisibleWhen, seen, leaf.Id, Fail);
                    foreach (var rule in leaf.Rules ?? [])
                    {
                        if (!RuleEngine.RuleTypes.Contains(rule.Type)) Fail($"{leaf.Id} has unknown rule {rule.Type}");
                        if (rule.Type == "pattern") CheckPattern(leaf.Id, rule, Fail);
                        if (rule.Type == "compare" && (rule.Field is null || !ids.Contains(rule.Field) && d.Leaf(rule.Field) is null || rule.Op is not ("<" or "<=" or ">" or ">=")))
                            Fail($"{leaf.Id} compares with an unknown field or operator");
                    }
                    seen.Add(leaf.Id);
                }
            }
        }
    }

    // A pattern that does not compile would answer every resident's value with a 500 (or, before, stop nobody).
    private static void CheckPattern(string owner, FieldRule rule, Action<string> fail)
    {
        if (rule.Value is not { ValueKind: JsonValueKind.String } pattern)
        {
            fail($"{owner} has a pattern rule without a pattern");
            return;
        }
        try
        {
            // Alone too: "a)(b" compiles once wrapped in the engine's anchors, and would escape them.
            _ = new Regex(pattern.GetString()!, RegexOptions.ECMAScript);
            _ = RuleEngine.Pattern(pattern.GetString()!);
        }
        catch (ArgumentException e)
        {
            fail($"{owner} has a pattern that does not compile ({e.Message})");
        }
    }

    // A condition may only look back: the engine decides visibility in one pass in display order.
    private static void CheckCondition(Condition? c, List<string> earlier, string owner, Action<string> fail)
    {
        if (c is null) return;
        if (c.Field is not null && !earlier.Contains(c.Field)) fail($"{owner} depends on {c.Field}, which is not an earlier field");
        foreach (var inner in (c.All ?? []).Concat(c.Any ?? [])) CheckCondition(inner, earlier, owner, fail);
    }

    private static IEnumerable<FormDefinition> LoadEmbedded()
    {
        var assembly = typeof(FormCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Definitions.Forms.") && n.EndsWith(".json")).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return Parse(reader.ReadToEnd());
        }
    }
}
