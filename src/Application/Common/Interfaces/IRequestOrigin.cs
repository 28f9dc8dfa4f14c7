namespace AppointEase.Application.Common.Interfaces;

/// <summary>Where the current request comes from, as far as abuse limits care.</summary>
public interface IRequestOrigin
{
    /// <summary>
    /// An opaque key of the caller's network: the IPv4 address, or the /64 prefix of an IPv6 address (one subscriber
    /// usually owns a whole /64), after the trusted-proxy rules. Hashed, so no address is stored.
    /// </summary>
    string NetworkKey { get; }
}
