using Municipal.ServiceDefaults;

namespace Municipal.Form.Apis;

/// <summary>Open a form: alone (the answer carries a draft token) or within a consultation (<c>sessionId</c>).</summary>
public sealed record CreateDraft(string? DefinitionId, Guid? SessionId, string? Language)
{
    /// <summary>The refused fields, each with its reason; empty when the form can be looked up.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(DefinitionId)) errors["definitionId"] = new Reason("form-required", "Choose a form.");
        return errors;
    }
}
