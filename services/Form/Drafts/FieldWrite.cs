using System.Text.Json;

namespace Municipal.Form.Drafts;

/// <summary>The outcome of writing one field: the new version, or the value and version that won instead.</summary>
public sealed record FieldWrite(string Field, bool Written, int Version, JsonElement Value);
