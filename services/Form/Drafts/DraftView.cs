using System.Text.Json;
using Municipal.Form.Definitions;
using Municipal.Form.Model;
using Municipal.Form.Rules;

namespace Municipal.Form.Drafts;

public sealed record FieldState(JsonElement Value, int Version, string UpdatedBy);

public sealed record SignatureState(string Kind, DateTimeOffset SignedAt, string ContentSha256, string Summary);

/// <summary>A draft as both parties see it, with its current problems and the hash a signature would cover.</summary>
public sealed record DraftView(
    Guid Id,
    string DefinitionId,
    int DefinitionVersion,
    string ConcernKey,
    string DepartmentKey,
    Guid? SessionId,
    string Status,
    string Language,
    IReadOnlyDictionary<string, FieldState> Fields,
    string ContentSha256,
    SignatureState? Signature,
    bool SignatureInvalidated,
    IReadOnlyList<FieldError> Errors,
    DateTimeOffset ExpiresAt,
    string? Token = null,
    SubmittedAs? Dossier = null)
{
    public static DraftView Of(Draft draft, FormDefinition definition, FormCatalog catalog, DateOnly today, string language, string? token = null)
    {
        var values = DraftStore.Values(draft);
        return new DraftView(
            draft.Id, draft.DefinitionId, draft.DefinitionVersion, draft.ConcernKey, draft.DepartmentKey, draft.SessionId, draft.Status, draft.Language,
            draft.Fields.ToDictionary(f => f.Field, f => new FieldState(values[f.Field], f.Version, f.UpdatedBy)),
            ContentHash.Compute(definition, values),
            draft.SignatureKind is { } kind ? new SignatureState(kind, draft.SignedAt!.Value, draft.SignatureContentSha256!, draft.SignatureSummary ?? "") : null,
            draft.SignatureInvalidatedAt is not null && draft.SignatureKind is null,
            catalog.Validate(definition, values, today, language),
            draft.ExpiresAt,
            token);
    }
}
