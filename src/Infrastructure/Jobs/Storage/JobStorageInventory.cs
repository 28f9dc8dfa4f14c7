using Hangfire;

namespace AppointEase.Infrastructure.Jobs.Storage;

/// <summary>What the job storage holds right now: the recurring jobs it lacks and how many servers it lists.</summary>
internal sealed record JobStorageInventory(IReadOnlyList<string> MissingRecurringJobs, int ServerCount)
{
    /// <summary>Synchronous (Hangfire's storage API is); callers run it off the request thread with a timeout.</summary>
    public static JobStorageInventory Read(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        var registered = connection.GetAllItemsFromSet("recurring-jobs");
        var missing = RecurringJobsRegistrar.Ids.Where(id => !registered.Contains(id)).ToList();
        return new JobStorageInventory(missing, storage.GetMonitoringApi().Servers().Count);
    }
}
