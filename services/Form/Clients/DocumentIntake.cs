using System.Net.Http.Headers;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Form.Clients;

/// <summary>Hands a submission's PDF to document intake, which routes it to the department's inbox.</summary>
public sealed class DocumentIntake(IHttpClientFactory http, IConfiguration configuration)
{
    public const string Client = "documents";

    public async Task SendAsync(byte[] pdf, string fileName, string departmentKey, string concernKey, Guid dossierId, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(departmentKey), "departmentKey");
        form.Add(new StringContent(concernKey), "concernKey");
        form.Add(new StringContent(dossierId.ToString()), "dossierId");
        form.Add(new StringContent("forms"), "channel");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents/internal/files") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InternalToken.IssueForService(configuration, "forms", [departmentKey]));
        using var response = await http.CreateClient(Client).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            // The operator reads why in the log (the retries go on: an outage or a department not yet known passes).
            var problem = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException(
                $"The document intake refused the PDF of dossier {dossierId} for {departmentKey}: {(int)response.StatusCode} {problem[..Math.Min(problem.Length, 500)]}",
                null, response.StatusCode);
        }
    }
}
