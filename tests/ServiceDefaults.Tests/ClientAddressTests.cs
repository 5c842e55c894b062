using System.Net;
using Municipal.ServiceDefaults.Security;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>What a per-address budget counts: an IPv4 address, an IPv6 client's /64 network (ClientAddress).</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8:5:6::1", "2001:db8:5:6::/64")]
    [InlineData("2001:db8:5:6:a:b:c:d", "2001:db8:5:6::/64")]
    [InlineData("2001:db8:5:7::1", "2001:db8:5:7::/64")]
    [InlineData("::1", "::/64")]
    [InlineData("unknown", "unknown")]
    public void A_client_is_counted_by_its_ipv4_address_or_its_ipv6_network(string address, string key) =>
        Assert.Equal(key, ClientAddress.Key(address));

    [Fact]
    public void A_connection_without_an_address_is_unknown() => Assert.Equal("unknown", ClientAddress.Key((IPAddress?)null));
}
