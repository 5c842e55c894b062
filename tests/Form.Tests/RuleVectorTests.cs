using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using Municipal.Form.Definitions;
using Municipal.Form.Rules;
using Municipal.Testing;

namespace Municipal.Form.Tests;

/// <summary>
/// The shared vectors (tests/Form.Tests/vectors) run through the C# engine; EndToEnd.Tests/Forms runs the same
/// files through shared/rules.js in Chromium. Both must produce exactly the listed errors, in order, each with the
/// listed message in every language: the engines' message tables (RuleMessages.cs, rules.js) cannot drift apart.
/// </summary>
public sealed class RuleVectorTests
{
    public static readonly string Directory = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Form.Tests", "vectors");

    /// <summary>The languages each expected error names its message in.</summary>
    public static readonly string[] Languages = ["de", "en", "fr", "it", "de-x-ls"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json").Order())
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var c in json.RootElement.GetProperty("cases").EnumerateArray())
                data.Add(Path.GetFileName(file), c.GetProperty("name").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vector(string file, string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, file)));
        var root = json.RootElement;
        var definition = root.TryGetProperty("definitionId", out var id)
            ? new FormCatalog().Find(id.GetString()!)!
            : FormCatalog.Prepare(root.GetProperty("definition").Deserialize<FormDefinition>(FormCatalog.Json)!);
        var c = root.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var values = c.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var today = DateOnly.ParseExact(c.GetProperty("today").GetString()!, "yyyy-MM-dd");

        foreach (var language in Languages)
        {
            var actual = RuleEngine.Validate(definition, values, today, language).Select(e => $"{e.Field}:{e.Code}:{e.Message}").ToList();
            var expected = c.GetProperty("errors").EnumerateArray()
                .Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}:{e.GetProperty("message").GetProperty(language).GetString()}")
                .ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void There_are_vectors_for_every_rule_and_field_type()
    {
        var text = string.Join("\n", System.IO.Directory.GetFiles(Directory, "*.json").Select(File.ReadAllText));
        foreach (var code in RuleEngine.RuleTypes.Concat(["required", "type", "number", "date", "choice", "email", "document"]))
            Assert.Contains($"\"code\": \"{code}\"", text);
    }

    /// <summary>
    /// A definition whose pattern backtracks exponentially, <c>(a+)+$</c>: 40 characters of a resident's value kept the
    /// engine matching for hours on one core. The value is refused in time, with the rule's own message, and the
    /// definition and rule are logged; a value the pattern does describe is still taken.
    /// </summary>
    [Fact]
    public async Task A_catastrophic_pattern_refuses_the_value_in_time_and_logs_the_definition_and_rule()
    {
        var definition = FormCatalog.Prepare(FormCatalog.Parse(Catastrophic));
        var log = new FakeLogger<FormCatalog>();
        var catalog = new FormCatalog([definition], log);
        var today = new DateOnly(2026, 12, 6);
        IReadOnlyList<FieldError> Validate(string value) =>
            catalog.Validate(definition, new Dictionary<string, JsonElement> { ["code"] = JsonSerializer.SerializeToElement(value), ["email"] = JsonSerializer.SerializeToElement("anna@example.org") }, today, "en");

        var watch = Stopwatch.StartNew();
        var validating = Task.Run(() => Validate(new string('a', 40) + "!"));
        Assert.Same(validating, await Task.WhenAny(validating, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Validating took {watch.Elapsed}.");
        Assert.Equal([new FieldError("code", "pattern", "Only the letter a.")], await validating);
        var warning = Assert.Single(log.Collector.GetSnapshot());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("catastrophic", warning.Message, StringComparison.Ordinal);
        Assert.Contains("(a+)+$", warning.Message, StringComparison.Ordinal);
        Assert.Contains("field code", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("aaaa", warning.Message, StringComparison.Ordinal);

        Assert.Empty(Validate(new string('a', 40)));
        Assert.Single(log.Collector.GetSnapshot());
    }

    /// <summary>A form with one field whose pattern backtracks exponentially on a run of a's with something after it.</summary>
    public const string Catastrophic = """
        {"id":"catastrophic","version":1,"concernKey":"catastrophic","departmentKey":"residents-office","title":{"de":"x","en":"x"},
         "sections":[{"id":"s","title":{"de":"s","en":"s"},"fields":[
          {"id":"code","type":"text","label":{"de":"Code","en":"Code"},
           "rules":[{"type":"pattern","value":"(a+)+$","message":{"de":"Nur der Buchstabe a.","en":"Only the letter a."}}]},
          {"id":"email","type":"email","required":true,"label":{"de":"E-Mail","en":"E-mail"}}]}]}
        """;
}
