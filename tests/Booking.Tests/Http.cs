using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace Municipal.Booking.Tests;

internal static partial class Http
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static Task<HttpResponseMessage> Book(this HttpClient client, string concernKey, DateTimeOffset start, string email, string language = "de", string name = "Erika Muster") =>
        client.PostAsJsonAsync("/api/booking/appointments", new { concernKey, start, name, email, language });

    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string token)
    {
        request.Headers.Add("X-Resident-Token", token);
        return request;
    }

    public static Task<HttpResponseMessage> SendWithToken(this HttpClient client, HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path).WithToken(token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return client.SendAsync(request);
    }

    public static string Calendar(this MimeMessage mail)
    {
        var part = mail.Attachments.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string TokenFromLink(string? text, string page) =>
        Regex.Match(text ?? "", Regex.Escape(page) + "#t=([A-Za-z0-9_-]{43})").Groups[1].Value;
}
