namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Tells the other instances of the deployment that the catalogue or the business settings changed, so they drop their
/// 5-second caches at once instead of serving the old hours until those expire. Best effort: a lost message only means
/// the old rule of "within 5 seconds".
/// </summary>
internal interface ICatalogueChangeBroadcast
{
    void Announce();
}

/// <summary>Without Redis there is no channel: other instances see a change when their caches expire (5 s).</summary>
internal sealed class NoCatalogueChangeBroadcast : ICatalogueChangeBroadcast
{
    public void Announce()
    {
    }
}
