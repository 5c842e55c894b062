using Municipal.Form.Definitions;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.Form.Apis;

/// <summary>Several fields at once, all or nothing, each with its own base version.</summary>
public sealed record FieldsEdit(Dictionary<string, FieldEdit>? Fields, string? ClientId)
{
    /// <summary>The first refused field of the edit, checked against the form it edits; empty when all can be tried.</summary>
    public FieldErrors Validate(FormDefinition definition)
    {
        var errors = new FieldErrors();
        if (ClientIds.Refusal(ClientId) is { } clientId)
        {
            errors["clientId"] = clientId;
            return errors;
        }
        if (Fields is not { Count: > 0 })
        {
            errors["fields"] = new Reason("name-fields", "Name at least one field.");
            return errors;
        }
        foreach (var (field, one) in Fields)
        {
            if (definition.Leaf(field) is not { } leaf) errors[$"fields.{field}"] = new Reason("no-field", $"The form has no field {field}.").With("key", field);
            // A field named with null instead of an edit ({"fields":{"name":null}}) has no base version either.
            else if (one is null) errors[$"fields.{field}.baseVersion"] = new Reason("base-version", "The version the edit is based on is required.");
            else if (one.ValueRefusal(leaf) is { } refused) errors[$"fields.{field}.value"] = refused;
            else if (one.BaseVersion is not >= 0) errors[$"fields.{field}.baseVersion"] = new Reason("base-version", "The version the edit is based on is required.");
            if (errors.Count > 0) return errors;
        }
        return errors;
    }
}
