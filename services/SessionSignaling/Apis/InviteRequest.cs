using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Input;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Apis;

/// <summary>A guest the clerk brings into the room (a colleague, an interpreter), by name and role.</summary>
public sealed record InviteRequest(string? Name, string? Role)
{
    public const int MaxNameLength = 100;

    /// <summary>The name as the room shows it.</summary>
    public string TrimmedName => Name?.Trim() ?? "";

    /// <summary>The first refused field, with its reason.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (TrimmedName.Length is 0 or > MaxNameLength)
            errors["name"] = new Reason("invitee-name-length", $"Give the invited person's name (at most {MaxNameLength} characters).").With("max", MaxNameLength);
        else if (InputText.PersonNameProblem(TrimmedName) is { } nameProblem) errors["name"] = nameProblem;
        else if (Role is null || !ParticipantRoles.Invitable.Contains(Role))
            errors["role"] = new Reason("invitee-role", $"One of: {string.Join(", ", ParticipantRoles.Invitable)}.").With("roles", string.Join(", ", ParticipantRoles.Invitable));
        return errors;
    }
}
