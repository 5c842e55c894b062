using System.Text.Json;
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
}
