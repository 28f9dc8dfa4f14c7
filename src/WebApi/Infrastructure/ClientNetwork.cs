using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// The unit per-IP limits count in: an IPv4 address as is, an IPv6 address by its /64 prefix. One subscriber (a home,
/// a phone) is routinely given a whole /64, so counting full IPv6 addresses would give an attacker 2^64 buckets.
/// IPv4-mapped IPv6 addresses count as their IPv4 address. The address is <c>RemoteIpAddress</c>, i.e. after the
/// trusted-proxy rules (decision 027).
/// </summary>
public static class ClientNetwork
{
    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The network as an opaque key for stores (hashed: no address is kept in Redis or SQL).</summary>
    public static string Key(IPAddress? address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Of(address))))[..32];
}

/// <summary><see cref="IRequestOrigin"/> of the current HTTP request.</summary>
internal sealed class HttpRequestOrigin(IHttpContextAccessor accessor) : IRequestOrigin
{
    public string NetworkKey => ClientNetwork.Key(accessor.HttpContext?.Connection.RemoteIpAddress);
}
