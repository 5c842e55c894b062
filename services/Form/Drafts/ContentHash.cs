using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Municipal.Form.Definitions;
using Municipal.Form.Rules;

namespace Municipal.Form.Drafts;

/// <summary>
/// What a signature covers: SHA-256 over canonical JSON of the definition id, its version and the values that
/// count (visible, non-empty, trimmed; keys in ordinal order). Any change to what is shown changes the hash.
/// </summary>
public static class ContentHash
{
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    public static string CanonicalJson(FormDefinition definition, IReadOnlyDictionary<string, JsonElement> values) =>
        JsonSerializer.Serialize(new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["definitionId"] = definition.Id,
            ["values"] = RuleEngine.Effective(definition, values),
            ["version"] = definition.Version,
        }, Canonical);

    public static string Compute(FormDefinition definition, IReadOnlyDictionary<string, JsonElement> values) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(definition, values))));
}
