using System.Net;
using System.Net.Sockets;
using AppointEase.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Webhooks;

/// <summary>A webhook target whose every address is in a refused range; the attempt is logged, nothing is sent.</summary>
internal sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// The SSRF guard. Registration refuses address literals (and <c>localhost</c>) in restricted ranges; at send time the
/// HTTP handler's connect step resolves the host itself and connects only to an allowed address, so a name that
/// resolves to 127.0.0.1 or 169.254.169.254 (or is re-pointed there later: DNS rebinding) is refused too.
/// </summary>
internal sealed class WebhookTargetGuard(IOptions<WebhookOptions> options) : IWebhookTargetPolicy
{
    public string? RefusalFor(Uri url)
    {
        if (options.Value.AllowPrivateTargets) return null;
        if (url.IsLoopback) return "Loopback targets are not allowed (Webhooks:AllowPrivateTargets).";
        return IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IsRestricted(address)
            ? $"{address} is a loopback, private or link-local address (Webhooks:AllowPrivateTargets)."
            : null;
    }

    /// <summary>SocketsHttpHandler.ConnectCallback: resolve, drop restricted addresses, connect to the first that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = options.Value.AllowPrivateTargets ? addresses : addresses.Where(a => !IsRestricted(a)).ToArray();
        if (allowed.Length == 0)
            throw new WebhookTargetRefusedException($"{host} resolves only to loopback, private or link-local addresses.");
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
        }
        throw last!;
    }

    public static bool IsRestricted(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (address.GetAddressBytes()[0] & 0xFE) == 0xFC;
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127,     // carrier-grade NAT
            169 => b[1] == 254,                  // link-local, cloud metadata
            172 => b[1] is >= 16 and <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2),
            198 => b[1] is 18 or 19,             // benchmarking
            >= 224 => true,                      // multicast, reserved
            _ => false,
        };
    }
}
