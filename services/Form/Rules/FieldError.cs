namespace Municipal.Form.Rules;

/// <summary>A problem with one field; <c>code</c> is the same string shared/rules.js reports.</summary>
public sealed record FieldError(string Field, string Code, string Message);
