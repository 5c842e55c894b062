using System.Text.RegularExpressions;

namespace Municipal.ServiceDefaults.Input;

/// <summary>
/// The id a page gives itself (<c>crypto.randomUUID()</c>) to know its own chat lines and form edits when they come
/// back. It is echoed to everyone in the room and used in cache keys, never shown: 1–64 letters, digits, '-' or '_',
/// nothing else (no direction controls, no separators of keys).
/// </summary>
public static partial class ClientIds
{
    public const int MaxLength = 64;

    public static bool IsWellFormed(string? clientId) => clientId is not null && Shape().IsMatch(clientId);

    /// <summary>Why an optional client id is refused, or null when it is absent or well formed.</summary>
    public static Reason? Refusal(string? clientId) =>
        clientId is null || IsWellFormed(clientId) ? null
        : new Reason("client-id", $"A client id is 1 to {MaxLength} letters, digits, '-' or '_'.").With("max", MaxLength);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex Shape();
}
