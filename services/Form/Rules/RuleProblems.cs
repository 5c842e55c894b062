using Microsoft.AspNetCore.Http.HttpResults;

namespace Municipal.Form.Rules;

/// <summary>
/// The form definition's own rules that a draft breaks, as a validation problem. Their texts come from the definition
/// in the request's language (the same table as <c>shared/rules.js</c>), so the reason code of each field is the rule's
/// code prefixed <c>rule.</c>: the pages keep the server's (already translated) text for it.
/// </summary>
internal static class RuleProblems
{
    public static ValidationProblem From(IReadOnlyList<FieldError> errors)
    {
        var byField = errors.GroupBy(e => e.Field).ToList();
        return TypedResults.ValidationProblem(byField.ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            extensions: new Dictionary<string, object?> { ["reasons"] = byField.ToDictionary(g => g.Key, g => "rule." + g.First().Code) });
    }
}
