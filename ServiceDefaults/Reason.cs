namespace Municipal.ServiceDefaults;

/// <summary>
/// Why a field's value was refused: a stable <see cref="Code"/> the pages translate (key <c>problem.&lt;code&gt;</c> in
/// <c>gateway/wwwroot/shared/problems.js</c>), the values its text names (<see cref="Args"/>, e.g. <c>max</c>), and the
/// English <see cref="Text"/>, which a client without a translation shows. Codes are lower-case words joined by
/// hyphens, never change once sent, and are created only as <c>new Reason("code", …)</c> (a test reads them from the
/// source and fails when the catalogue lacks one).
/// </summary>
public sealed record Reason(string Code, string Text)
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    /// <summary>The values the translated text puts in its <c>{placeholders}</c>.</summary>
    public IReadOnlyDictionary<string, object?> Args { get; init; } = None;

    /// <summary>The same reason with one more value for its text's <c>{name}</c> placeholder.</summary>
    public Reason With(string name, object? value) => this with { Args = new Dictionary<string, object?>(Args) { [name] = value } };
}
