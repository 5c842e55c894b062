using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;

namespace Municipal.Form.Apis;

/// <summary>Who is editing which field (<c>focus</c>, <c>blur</c>), or the clerk pointing at one (<c>point</c>).</summary>
public sealed record Presence(string? Kind, string? Field, string? ClientId)
{
    /// <summary>The first refused part, checked against who announces it and the form; empty when it can be announced.</summary>
    public FieldErrors Validate(DraftActor actor, FormDefinition definition)
    {
        var errors = new FieldErrors();
        if (Kind is not ("focus" or "blur" or "point")) errors["kind"] = new Reason("presence-kind", "focus, blur or point");
        else if (Kind == "point" && actor.Role != DraftActor.Clerk) errors["kind"] = new Reason("clerk-points", "Only the clerk points at fields.");
        else if (Field is not null && definition.Leaf(Field) is null) errors["field"] = new Reason("no-field", $"The form has no field {Field}.").With("key", Field);
        else if (ClientIds.Refusal(ClientId) is { } clientId) errors["clientId"] = clientId;
        return errors;
    }
}
