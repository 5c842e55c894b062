namespace Municipal.ServiceDefaults.Input;

/// <summary>
/// The windows the input guard accepts dates in (configuration section <c>Input</c>). A year such as 1 or 9999 is
/// never meant: it only overflows date arithmetic or the database, so it is refused with the field named.
/// </summary>
public sealed class InputRules
{
    /// <summary>Earliest year of a date-time, a query or route date and a <c>year</c> parameter (appointments, statistics, filters).</summary>
    public int EarliestYear { get; set; } = 2000;

    /// <summary>Earliest year of a calendar day in a body (a form's arrival in the country or a certificate may be older).</summary>
    public int EarliestDayYear { get; set; } = 1900;

    /// <summary>How many years ahead of now any date may lie.</summary>
    public int YearsAhead { get; set; } = 10;

    /// <summary>Earliest year of a birth date (a field whose name contains "birth"); birth dates are never in the future.</summary>
    public int EarliestBirthYear { get; set; } = 1900;

    /// <summary>
    /// The largest JSON body a service takes: each is inspected whole, and a larger one is refused with 413 (it would
    /// pass unchecked otherwise). Above the gateway's largest JSON route (the ID check's stills, 8 MB).
    /// </summary>
    public int MaxInspectedBodyBytes { get; set; } = 16 * 1024 * 1024;
}
