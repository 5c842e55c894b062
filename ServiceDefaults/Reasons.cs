namespace Municipal.ServiceDefaults;

/// <summary>
/// The reasons more than one service gives (the input guard's, lengths, dates, languages, addresses). A reason only
/// one endpoint gives is written where it is given: <c>Problems.Field("start", new Reason("not-bookable", "…"))</c>.
/// </summary>
public static class Reasons
{
    public static Reason Language => new Reason("language", Languages.Expected);

    /// <summary>An address no endpoint answers (also one whose id is not an id, such as <c>/rooms/abc</c>).</summary>
    public static Reason NoSuchAddress => new Reason("no-api", "There is no such address.");

    /// <summary>A method the address does not answer (a DELETE where there is only a GET).</summary>
    public static Reason MethodNotAllowed => new Reason("method-not-allowed", "This address does not answer this method.");

    /// <summary>A body the endpoint reads as JSON, sent as something else (a form post, plain text).</summary>
    public static Reason JsonOnly => new Reason("json-only", "Send the body as JSON (Content-Type: application/json).");

    /// <summary>A staff address called without a sign-in (at a service: without the gateway's valid token).</summary>
    public static Reason SignInRequired => new Reason("sign-in-required", "Sign in first.");

    /// <summary>A staff address the caller's role does not open (a clerk at a supervisor's or an admin's).</summary>
    public static Reason RoleNotPermitted => new Reason("role-not-permitted", "Your role does not allow this.");

    public static Reason TooLong(int max) => new Reason("too-long", $"At most {max} characters.").With("max", max);

    public static Reason Email => new Reason("email", "Enter a valid e-mail address.");

    public static Reason EmailOrEmpty => new Reason("email-or-empty", "Enter a valid e-mail address or leave it empty.");

    public static Reason ControlCharacter => new Reason("control-character", "This value contains a control character.");

    public static Reason OneLine => new Reason("one-line", "This value must be on one line.");

    public static Reason InvalidCharacter => new Reason("invalid-character", "This value contains an invalid character.");

    public static Reason NameWithLink => new Reason("name-link", "A name cannot contain a web or e-mail address.");

    /// <summary>A request with no body, or JSON <c>null</c>, where an object or a list is read.</summary>
    public static Reason BodyRequired => new Reason("body-required", "Send the request's data as a JSON object.");

    public static Reason WrongFormat => new Reason("wrong-format", "Dieser Wert hat das falsche Format. / This value has the wrong format.");

    public static Reason BirthDateRange(int earliest) =>
        new Reason("birth-date-range", $"Enter a date of birth from {earliest} to today.").With("earliest", earliest);

    public static Reason DateRange(int earliest, int latest) =>
        new Reason("date-range", $"Choose a date from {earliest} to {latest}.").With("earliest", earliest).With("latest", latest);

    public static Reason YearRange(int earliest, int latest) =>
        new Reason("year-range", $"Choose a year from {earliest} to {latest}.").With("earliest", earliest).With("latest", latest);

    /// <summary>A date query value that does not read as yyyy-MM-dd; <paramref name="example"/> shows the form.</summary>
    public static Reason DateFormat(string example) => new Reason("date-format", $"Use a date like {example}.").With("example", example);

    /// <summary>A request body above <paramref name="megabytes"/> MB (the gateway's limits, the input guard's).</summary>
    public static Reason RequestTooLarge(long megabytes) =>
        new Reason("request-too-large", $"Höchstens / at most {megabytes} MB.").With("max", megabytes);

    /// <summary>A request body above the limit in effect, where the limit is not a whole number of megabytes.</summary>
    public static Reason RequestTooLargePlain => new Reason("request-too-large-plain", "Die Anfrage ist zu gross. / The request is too large.");

    /// <summary>A body above <paramref name="maxBytes"/>: in megabytes where that is at least one, else plainly.</summary>
    public static Reason RequestTooLargeThan(long? maxBytes) =>
        maxBytes is >= 1 << 20 ? RequestTooLarge(maxBytes.Value >> 20) : RequestTooLargePlain;

    public static Reason ToBeforeFrom => new Reason("to-before-from", "'to' must not be before 'from'.");

    public static Reason TooManyDays(int max) => new Reason("too-many-days", $"Ask for at most {max} days at once.").With("max", max);

    public static Reason Slug => new Reason("slug", "Use lower-case letters, digits and hyphens.");

    public static Reason NotAnId => new Reason("not-an-id", "Not an id.");
}
