using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs;

/// <summary>
/// One structured error log per failed job attempt (job id, job, reason), besides the dashboard's Failed page. The
/// only one: every job turns off Hangfire's own line (<c>AutomaticRetry(LogEvents = false)</c>), which would report
/// the same failure again, through Hangfire's process-wide log provider.
/// </summary>
internal sealed class JobFailureLoggingFilter(ILogger<JobFailureLoggingFilter> logger) : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed) return;
        var job = context.BackgroundJob.Job is { } j ? $"{j.Type.Name}.{j.Method.Name}" : "unknown";
        logger.LogError(failed.Exception, "Job {JobId} {Job} failed: {Reason}", context.BackgroundJob.Id, job, failed.Reason ?? failed.Exception?.Message);
    }
}

/// <summary>
/// Hangfire's global filters plus this instance's own. Per host rather than in the static GlobalJobFilters, so two
/// hosts in one process (integration tests) do not log through each other's loggers.
/// </summary>
internal sealed class HostJobFilterProvider : IJobFilterProvider
{
    private readonly JobFilterCollection _own = [];

    public HostJobFilterProvider(JobFailureLoggingFilter failureLogging, JobMetricsFilter metrics)
    {
        _own.Add(failureLogging);
        _own.Add(metrics);
    }

    public IEnumerable<JobFilter> GetFilters(Job job) => JobFilterProviders.Providers.GetFilters(job).Concat(((IJobFilterProvider)_own).GetFilters(job));
}
