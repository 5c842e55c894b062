using System.Net;
using System.Net.Http.Json;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Failed sign-ins all take the floor (<c>Auth:FailureFloorMs</c>). Here the floor is well above what a loaded test
/// machine needs for a password hash and a database write, so the test measures the floor, not the machine.
/// </summary>
public sealed class SignInTimingTests(SignInFloorGatewayFactory gateway) : IClassFixture<SignInFloorGatewayFactory>
{
    [Fact]
    public async Task Unknown_names_wrong_passwords_and_locked_accounts_take_about_the_same_time()
    {
        var (lockedName, _) = await TestAccounts.CreateAsync(gateway, "clerk", "tax-office");
        var (existingName, _) = await TestAccounts.CreateAsync(gateway, "clerk", "tax-office");
        var client = gateway.Browser();
        for (var i = 0; i < 6; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { userName = lockedName, password = "wrong-password-1!" });
        }

        // Interleaved, so that load from elsewhere on the machine falls on all three alike.
        var names = new[] { "nobody." + Guid.NewGuid().ToString("N")[..8], existingName, lockedName };
        var times = names.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < names.Length; i++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = names[i], password = "wrong-password-2!" });
                times[i].Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }
        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        var (unknown, wrong, locked) = (medians[0], medians[1], medians[2]);

        var spread = new[] { unknown, wrong, locked }.Max() - new[] { unknown, wrong, locked }.Min();
        Assert.True(spread < 150, $"unknown {unknown:F0} ms, wrong password {wrong:F0} ms, locked {locked:F0} ms");
    }
}
