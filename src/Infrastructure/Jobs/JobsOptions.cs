using System.ComponentModel.DataAnnotations;

namespace AppointEase.Infrastructure.Jobs;

public enum JobStorageKind
{
    /// <summary>Hangfire.InMemory: the embedded default; each instance schedules alone and history is lost on restart.</summary>
    InMemory,

    /// <summary>Hangfire.Redis.StackExchange on <c>ConnectionStrings:Jobs</c>: shared by all instances, survives restarts.</summary>
    Redis,
}

/// <summary>Section <c>Jobs</c>: background jobs (Hangfire). The Redis endpoint is <c>ConnectionStrings:Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public JobStorageKind Storage { get; set; } = JobStorageKind.InMemory;

    /// <summary>
    /// Prefix of every Hangfire key in Redis, so job data never mixes with slot state in a shared Redis. Its hash tag
    /// (the part in braces) puts every job key in one cluster slot: Hangfire's transactions span many keys (decision 110).
    /// </summary>
    [Required, RegularExpression("^[A-Za-z0-9_:{}.-]{1,60}$")]
    public string RedisPrefix { get; set; } = "{appointease:hangfire}:";

    /// <summary>False on instances that only serve requests: they still enqueue and show the dashboard, but run no job.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Hangfire worker threads of this instance; the jobs are short, a few are plenty.</summary>
    [Range(1, 50)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>Hours before an appointment that its reminder email is queued.</summary>
    [Range(1, 168)]
    public int ReminderLeadHours { get; set; } = 24;

    /// <summary>Rows deleted per statement by the cleanup and purge jobs: small batches keep row locks short.</summary>
    [Range(10, 100_000)]
    public int DeleteBatchSize { get; set; } = 1000;

    /// <summary>Days a sent outbox email is kept (for support questions) before the purge deletes it.</summary>
    [Range(1, 3650)]
    public int SentEmailRetentionDays { get; set; } = 7;

    /// <summary>Longest wait between two attempts to reach the job storage while it is down at start-up.</summary>
    [Range(1, 600)]
    public int StorageRetryMaxSeconds { get; set; } = 15;

    /// <summary>How often each instance checks that the job storage still holds the recurring jobs and a server.</summary>
    [Range(1, 3600)]
    public int RegistrationCheckSeconds { get; set; } = 15;
}
