namespace Municipal.ServiceDefaults;

/// <summary>
/// The refused fields of one request, each with its <see cref="Reason"/>, collected before answering with
/// <see cref="Problems.Fields(FieldErrors)"/>. Setting a field again replaces its reason (the later check is the more
/// precise one, as with a dictionary).
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, Reason> reasons = new(StringComparer.Ordinal);

    public Reason this[string field]
    {
        get => reasons[field];
        set => reasons[field] = value;
    }

    public int Count => reasons.Count;

    public bool ContainsKey(string field) => reasons.ContainsKey(field);

    public IReadOnlyDictionary<string, Reason> Reasons => reasons;
}
