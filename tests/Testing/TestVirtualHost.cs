using System.Net.Http.Headers;
using System.Text;

namespace Municipal.Testing;

/// <summary>
/// A RabbitMQ virtual host of its own per test class, so in-process services under test never compete
/// for messages with a running system or with other test classes.
/// </summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    private static readonly HttpClient Management = CreateClient();

    private TestVirtualHost(string name) => Name = name;

    public string Name { get; }

    public string ConnectionString
    {
        get
        {
            var uri = new UriBuilder(TestEnvironment.RabbitMq) { Path = "/" + Uri.EscapeDataString(Name) };
            return uri.Uri.ToString();
        }
    }

    public static async Task<TestVirtualHost> CreateAsync()
    {
        var name = $"test-{Guid.NewGuid():N}";
        (await Management.PutAsync($"/api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await Management.PutAsync($"/api/permissions/{name}/guest", permissions)).EnsureSuccessStatusCode();
        return new TestVirtualHost(name);
    }

    public async ValueTask DisposeAsync() => await Management.DeleteAsync($"/api/vhosts/{Name}");

    private static HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(TestEnvironment.RabbitMqManagement) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return client;
    }
}
