namespace Municipal.Form.Model;

/// <summary>A verified identity, per consultation, used only to pre-fill that consultation's forms.</summary>
public sealed class ResidentProfile
{
    public Guid SessionId { get; set; }
    public required string Surname { get; set; }
    public required string GivenNames { get; set; }
    public DateOnly BirthDate { get; set; }

    /// <summary>ISO 3166-1 alpha-3, as identity passes it; null when the document named none ISO knows.</summary>
    public string? Nationality { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
