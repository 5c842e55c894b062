using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Municipal.Gateway.Tests;

/// <summary>Low limits, and each request's client address taken from a test header (the in-memory server has none).</summary>
public sealed class PeerAddressGatewayFactory : GatewayFactory
{
    public const string PeerHeader = "X-Test-Peer";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("RateLimits:SensitivePerIp", "3")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers[PeerHeader].FirstOrDefault() is { } peer) context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Outside probe, 2026-12-06: every per-address budget counted an IPv6 address alone, and a provider hands a household
/// or a phone a whole /64 of them: a script changing its address at each request booked, asked for codes and signed in
/// without limit. An IPv6 client is counted by its /64 network; an IPv4 address written as IPv6 is the IPv4 address.
/// </summary>
public sealed class AddressBudgetTests(PeerAddressGatewayFactory gateway) : IClassFixture<PeerAddressGatewayFactory>
{
    [Fact]
    public async Task The_addresses_of_one_ipv6_network_share_one_budget()
    {
        var client = gateway.Browser();
        async Task<HttpStatusCode> BookFrom(string peer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments") { Content = JsonContent.Create(new { concernKey = "move" }) };
            request.Headers.Add(PeerAddressGatewayFactory.PeerHeader, peer);
            return (await client.SendAsync(request)).StatusCode;
        }

        var network = new List<HttpStatusCode>();
        foreach (var peer in new[] { "2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:a:b:c:d", "2001:db8:5:6:ffff:ffff:ffff:ffff" }) network.Add(await BookFrom(peer));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], network);
        // The next network is someone else.
        Assert.Equal(HttpStatusCode.OK, await BookFrom("2001:db8:5:7::1"));

        var v4 = new List<HttpStatusCode>();
        foreach (var peer in new[] { "198.51.100.20", "198.51.100.20", "::ffff:198.51.100.20", "198.51.100.20" }) v4.Add(await BookFrom(peer));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], v4);
        Assert.Equal(HttpStatusCode.OK, await BookFrom("198.51.100.21"));
    }
}
