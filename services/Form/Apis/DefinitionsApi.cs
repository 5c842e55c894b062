using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Municipal.Form.Definitions;
using Municipal.Form.Rules;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Apis;

public static class DefinitionsApi
{
    public sealed record DefinitionSummary(string Id, int Version, string ConcernKey, string DepartmentKey, LocalizedText Title, LocalizedText? Intro);

    public sealed record ValidateRequest(Dictionary<string, JsonElement>? Values);

    public sealed record ValidateResponse(IReadOnlyList<FieldError> Errors);

    public static RouteGroupBuilder MapDefinitionsApi(this RouteGroupBuilder api)
    {
        var definitions = api.MapGroup("/definitions").AllowAnonymous();
        definitions.MapGet("/", List);
        definitions.MapGet("/{id}", Get);
        definitions.MapPost("/{id}/validate", Validate);
        return api;
    }

    /// <summary>
    /// The forms to fill alone (no concern named), or a concern's forms: its own, else the form any consultation
    /// may use (the confirmation of the consultation, <see cref="FormDefinition.ForAnyConcern"/>), so every concern
    /// that needs a signature can be signed.
    /// </summary>
    public static Ok<List<DefinitionSummary>> List(FormCatalog catalog, string? concern)
    {
        var own = catalog.All.Where(d => concern is null ? !d.ForAnyConcern : d.ConcernKey == concern).ToList();
        if (concern is not null && own.Count == 0) own = catalog.All.Where(d => d.ForAnyConcern).ToList();
        return TypedResults.Ok(own
            .OrderBy(d => d.DepartmentKey).ThenBy(d => d.Id)
            .Select(d => new DefinitionSummary(d.Id, d.Version, d.ConcernKey, d.DepartmentKey, d.Title, d.Intro))
            .ToList());
    }

    public static Results<Ok<FormDefinition>, ProblemHttpResult> Get(string id, FormCatalog catalog) =>
        catalog.Find(id) is { } definition ? TypedResults.Ok(definition) : Problems.NotFound(new Reason("no-form", $"No form definition {id}."));

    public static Results<Ok<ValidateResponse>, ProblemHttpResult, ValidationProblem> Validate(
        string id, ValidateRequest request, FormCatalog catalog, CityClock clock, HttpRequest http)
    {
        if (catalog.Find(id) is not { } definition) return Problems.NotFound(new Reason("no-form", $"No form definition {id}."));
        if (request.Values is null) return Problems.Field("values", new Reason("values-required", "The field values are required."));
        return TypedResults.Ok(new ValidateResponse(catalog.Validate(definition, request.Values, clock.Today, Language.Of(http))));
    }
}
