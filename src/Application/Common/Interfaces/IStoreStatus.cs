namespace AppointEase.Application.Common.Interfaces;

public enum StorageMode
{
    Redis,
    Sql,
}

/// <summary>Which store this instance serves slot state from right now, and whether Redis answers.</summary>
public interface IStoreStatus
{
    StorageMode Mode { get; }
    bool RedisConfigured { get; }
    bool RedisAvailable { get; }
}
