using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Municipal.Form.Tests;

/// <summary>
/// The draft's event stream with two instances of the service, as with two replicas: changes taken by one reach the
/// stream of the other over Redis pub/sub, and one whose announcement is lost (pub/sub delivers at most once) is still
/// told, by the draft's version the stream says every few seconds.
/// </summary>
public sealed class DraftEventsTests(FormFactory factory) : IClassFixture<FormFactory>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_change_taken_by_another_instance_reaches_the_stream_and_one_whose_announcement_was_lost_is_told_by_the_version()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        Assert.True((await Residents.PatchAsync(factory.CreateResidentClient(token), id, "landlord", "Immo AG", 0)).IsSuccessStatusCode);

        // The second replica shares the database and Redis; the third's announcements go where nobody listens, as a
        // message published while a subscription is renewed does.
        await using var replica = factory.WithWebHostBuilder(_ => { });
        await using var unheard = factory.WithWebHostBuilder(b => b.UseSetting("Redis:KeyPrefix", $"test:{Guid.NewGuid():N}:"));

        using var stream = await EventStream.OpenAsync(factory.CreateResidentClient(token), id);
        // Subscribed, then the version read: the stream starts with what is stored.
        var first = await stream.NextAsync(Within);
        Assert.Equal("version", first.GetProperty("type").GetString());
        Assert.Equal(1, first.GetProperty("version").GetInt32());

        Assert.True((await Residents.PatchAsync(Resident(replica, token), id, "landlord", "Wohnbau GmbH", 1)).IsSuccessStatusCode);
        var announced = await stream.NextAsync(Within, e => e.GetProperty("type").GetString() == "field");
        Assert.Equal(("landlord", "Wohnbau GmbH", 2), (announced.GetProperty("field").GetString(), announced.GetProperty("value").GetString(), announced.GetProperty("version").GetInt32()));

        Assert.True((await Residents.PatchAsync(Resident(unheard, token), id, "landlord", "Stadtwohnungen AG", 2)).IsSuccessStatusCode);
        var told = await stream.NextAsync(Within, e => e.GetProperty("type").GetString() == "version" && e.GetProperty("version").GetInt32() == 3);
        Assert.Equal(3, told.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_drafts_version_is_the_sum_of_its_fields_versions_and_grows_by_one_with_each_change()
    {
        var (id, token) = await Residents.NewDraftAsync(factory.CreateClient());
        var client = factory.CreateResidentClient(token);
        Assert.True((await Residents.PatchAsync(client, id, "landlord", "Immo AG", 0)).IsSuccessStatusCode);
        Assert.True((await Residents.PatchAsync(client, id, "landlord", "Wohnbau GmbH", 1)).IsSuccessStatusCode);
        Assert.True((await Residents.PatchAsync(client, id, "email", "a@example.org", 0)).IsSuccessStatusCode);
        // A refused edit changes nothing.
        Assert.False((await Residents.PatchAsync(client, id, "email", "b@example.org", 0)).IsSuccessStatusCode);

        var draft = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{id}");
        var sum = draft.GetProperty("fields").EnumerateObject().Sum(f => f.Value.GetProperty("version").GetInt32());
        using var stream = await EventStream.OpenAsync(client, id);
        var first = await stream.NextAsync(Within);
        Assert.Equal(3, sum);
        Assert.Equal(sum, first.GetProperty("version").GetInt32());
    }

    private static HttpClient Resident(WebApplicationFactory<Program> instance, string token)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Add("X-Resident-Token", token);
        return client;
    }

    /// <summary>A draft's server-sent events as a page reads them.</summary>
    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public static async Task<EventStream> OpenAsync(HttpClient client, Guid draft)
        {
            var response = await client.GetAsync($"/api/forms/drafts/{draft}/events", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        /// <summary>The next event (that <paramref name="wanted"/> accepts), or a timeout.</summary>
        public async Task<JsonElement> NextAsync(TimeSpan within, Func<JsonElement, bool>? wanted = null)
        {
            using var timeout = new CancellationTokenSource(within);
            while (true)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The stream ended.");
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                var message = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
                if (wanted is null || wanted(message)) return message;
            }
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
