using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// With several sessions replicas (REPLICAS=2), the gateway's affinity cookie keeps each browser on one replica.
/// Left to chance, resident and clerk share one half of the runs, and a cross-replica bug hides. This pins each
/// party to a replica of its own before the page opens, so every run crosses replicas when there are several.
/// </summary>
public static class SignalingReplicas
{
    private const string AffinityCookie = "municipal.affinity";

    /// <summary>Whether the system runs more than one sessions instance (each replica's URL is given: services__sessions__http__1, …).</summary>
    public static bool Several => !string.IsNullOrEmpty(TestEnvironment.Get("services__sessions__http__1", ""));

    /// <summary>
    /// Pins the resident to one replica (keeping the one it has) and every other party to another one. The other
    /// parties must not be signed in yet: their cookies are cleared while looking. Does nothing with one replica.
    /// </summary>
    public static async Task SpreadAsync(IBrowserContext resident, params IBrowserContext[] others)
    {
        if (!Several) return;
        var residentReplica = await OfAsync(resident) ?? await NegotiateAsync(resident);
        foreach (var party in others)
        {
            // A replica the gateway's health check just took out of rotation gets no one until it is back.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                await party.ClearCookiesAsync();
                if (await NegotiateAsync(party) != residentReplica) break;
                if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"The gateway sent every party to the same sessions replica ({residentReplica}).");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The replica a party is pinned to (the affinity cookie's value), to compare parties.</summary>
    public static async Task<string?> OfAsync(IBrowserContext party) =>
        (await party.CookiesAsync()).FirstOrDefault(c => c.Name == AffinityCookie)?.Value;

    private static async Task<string> NegotiateAsync(IBrowserContext party)
    {
        // The negotiate request is what the page's SignalR client sends first; it sets the affinity cookie.
        var response = await party.APIRequest.PostAsync("/hubs/session/negotiate?negotiateVersion=1");
        if (!response.Ok) throw new InvalidOperationException($"negotiate answered {response.Status}");
        return await OfAsync(party) ?? throw new InvalidOperationException("The gateway set no affinity cookie.");
    }
}
