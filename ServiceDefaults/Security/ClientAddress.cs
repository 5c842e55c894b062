using System.Net;
using System.Net.Sockets;

namespace Municipal.ServiceDefaults.Security;

/// <summary>
/// The client address a per-address budget counts under. An IPv4 address is one client; an IPv6 address is counted by
/// its /64 network, which a provider hands to one household or phone whole: counted one by one, each of its 2^64
/// addresses had a budget of its own, and one resident changing addresses (a script, or a phone's privacy addresses)
/// went past every per-address limit. An IPv4 address written as IPv6 (::ffff:a.b.c.d, how a dual-stack socket sees
/// it) is the IPv4 address.
/// </summary>
public static class ClientAddress
{
    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The key of an address as text (the gateway's X-Forwarded-For entry); text that is no address stays as it is.</summary>
    public static string Key(string address) =>
        IPAddress.TryParse(address, out var parsed) ? Key(parsed) : address;
}
