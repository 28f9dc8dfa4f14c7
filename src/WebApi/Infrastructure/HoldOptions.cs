using System.ComponentModel.DataAnnotations;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Section <c>Holds</c>: how many live slot locks one client id and one network (IPv4 address or IPv6 /64) may hold at
/// once. The defaults let a family behind one NAT book side by side but not hoard a calendar (decision 084).
/// </summary>
public sealed class HoldOptions
{
    public const string Section = "Holds";

    [Range(1, 100)]
    public int PerClient { get; set; } = 2;

    [Range(1, 10_000)]
    public int PerNetwork { get; set; } = 10;
}
