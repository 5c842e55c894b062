using Municipal.ServiceDefaults.Input;

namespace Municipal.ServiceDefaults.Mail;

/// <summary>Text a resident chose, as it may appear in a mail the city sends.</summary>
public static class MailText
{
    /// <summary>
    /// A person's name for a greeting or a recipient's display name: one line without control characters, and empty
    /// when it reads like a web or mail address, so a mail program never turns it into a link. Names are refused at
    /// entry (<see cref="InputText.PersonNameProblem"/>); this also covers rows stored before that rule.
    /// </summary>
    public static string PersonName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var line = string.Join(' ', new string(name.Select(c => char.IsControl(c) ? ' ' : c).ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return InputText.PersonNameProblem(line) is null ? line : "";
    }
}
