using Hangfire;
using Hangfire.Storage;

namespace AppointEase.Infrastructure.Jobs.Storage;

/// <summary>Asks the storage for a connection and the server time: cheap, and storage-agnostic.</summary>
internal static class JobStorageProbe
{
    public static async Task EnsureReachableAsync(JobStorage storage, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Hangfire's storage API is synchronous; keep it off the caller's thread and bound the wait.
        await Task.Run(() =>
        {
            using var connection = storage.GetConnection();
            if (connection is JobStorageConnection modern && storage.HasFeature(JobStorageFeatures.Connection.GetUtcDateTime))
                modern.GetUtcDateTime();
        }, cancellationToken).WaitAsync(timeout, cancellationToken);
    }
}
