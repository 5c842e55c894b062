using System.Text.Json;
using Municipal.Form.Clients;
using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Contracts.Sessions;

namespace Municipal.Form.Drafts;

/// <summary>
/// Reuse of what the resident already gave: the booking's name and email (through the room) and a verified
/// identity (kept per consultation from IdentityVerified). Only fields the definition marks with a prefill key
/// are filled, so a form never asks for, nor receives, more than its concern needs.
/// </summary>
public sealed class Prefill(FormDb db)
{
    public async Task<Dictionary<string, JsonElement>> ForAsync(FormDefinition definition, RoomView? room, Guid? sessionId, CancellationToken ct)
    {
        var profile = sessionId is { } id ? await db.ResidentProfiles.FindAsync([id], ct) : null;
        var (bookedSurname, bookedGiven) = SplitName(room?.CitizenName);
        var sources = new Dictionary<string, string?>
        {
            ["surname"] = profile?.Surname ?? bookedSurname,
            ["givenNames"] = profile?.GivenNames ?? bookedGiven,
            ["birthDate"] = profile?.BirthDate.ToString("yyyy-MM-dd"),
            ["email"] = room?.Email,
            ["name"] = room?.CitizenName,
        };
        return Apply(definition, sources);
    }

    public static Dictionary<string, JsonElement> Apply(FormDefinition definition, IReadOnlyDictionary<string, string?> sources)
    {
        var values = new Dictionary<string, JsonElement>();
        foreach (var leaf in definition.Leaves())
        {
            if (leaf.Prefill is { } key && sources.GetValueOrDefault(key) is { Length: > 0 } value)
                values[leaf.Id] = JsonSerializer.SerializeToElement(value);
        }
        return values;
    }

    /// <summary>A booking has one name field; the last word is taken as the surname until an ID document says better.</summary>
    public static (string? Surname, string? GivenNames) SplitName(string? name)
    {
        var parts = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => (null, null),
            1 => (parts[0], null),
            _ => (parts[^1], string.Join(' ', parts[..^1])),
        };
    }
}
