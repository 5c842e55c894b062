using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.DocumentIntake.Tests;

/// <summary>The JSON shapes the tests read back.</summary>
public sealed record SubmittedDoc(Guid? Id, string FileName, string Status, string ContentType, long Length, string Sha256, int? PageCount, Guid? DuplicateOf, string? DepartmentKey);

public sealed record Submitted(Guid SubmissionId, string? ReceiptNumber, List<SubmittedDoc> Documents);

public sealed record InboxDoc(Guid Id, string FileName, string Status, string DepartmentKey, string? ConcernKey, string RoutingRule, string Channel,
    string? ReceiptNumber, Guid? SessionId, Guid? DossierId, Guid? AssignedStaffId, DateTimeOffset? ProcessedAt, int? PageCount, string? Signature,
    string? HandedOnFrom = null, string? HandOnReason = null, DateTimeOffset? HandedOnAt = null);

public static class Api
{
    public static async Task<Submitted> SubmittedAsync(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Submitted>())!;
    }

    /// <summary>The problem's field errors and reason codes.</summary>
    public static async Task<(Dictionary<string, string[]> Errors, Dictionary<string, string> Reasons)> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = json.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        var reasons = json.TryGetProperty("reasons", out var r) ? r.Deserialize<Dictionary<string, string>>()! : [];
        return (errors, reasons);
    }
}
