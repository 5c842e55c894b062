using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Gateway.Clients;

/// <summary>The departments booking knows, each with its concerns (active or not): what an account may name.</summary>
public sealed record Catalogue(IReadOnlyDictionary<string, IReadOnlySet<string>> Departments)
{
    public string? DepartmentOf(string concern) => Departments.FirstOrDefault(d => d.Value.Contains(concern)).Key;
}

/// <summary>
/// Reads the catalogue from booking (which keeps departments and concerns), asked as the admin who saves an account
/// (the admins' catalogue lists inactive concerns too). An account is checked against it before it is saved: a
/// misspelt department or concern used to be saved, or dropped by booking, without a word.
/// </summary>
public sealed class ServiceCatalogue(IHttpClientFactory clients, IConfiguration configuration)
{
    public const string ClientName = "catalogue";

    /// <summary>The catalogue, or null if no booking instance answered.</summary>
    public async Task<Catalogue?> LoadAsync(ClaimsPrincipal admin, CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        var token = InternalToken.Issue(InternalToken.SigningKey(configuration), admin.ToStaff());
        foreach (var url in ServiceRoutes.ServiceUrls(configuration, "booking"))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/api/booking/admin/departments"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode) continue;
                using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                var departments = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
                foreach (var department in json.RootElement.EnumerateArray())
                {
                    departments[department.GetProperty("key").GetString()!] = department.GetProperty("concerns").EnumerateArray()
                        .Select(c => c.GetProperty("key").GetString()!).ToHashSet(StringComparer.Ordinal);
                }
                return new Catalogue(departments);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or KeyNotFoundException && !ct.IsCancellationRequested)
            {
                // The next instance, if there is one.
            }
        }
        return null;
    }
}
