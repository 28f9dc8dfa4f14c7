namespace AppointEase.Application.Common.Interfaces;

/// <summary>Wire names of the storage mode; the product contract calls SQL mode "mysql" whatever the provider.</summary>
public static class StorageModeText
{
    public static string Of(StorageMode mode) => mode == StorageMode.Redis ? "redis" : "mysql";
}
