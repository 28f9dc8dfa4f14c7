using AppointEase.Application.Common.Telemetry;
using Hangfire.Server;

namespace AppointEase.Infrastructure.Jobs;

/// <summary>
/// Counts each job run on <c>appointease.jobs.runs</c> and the runs that threw on <c>appointease.jobs.failures</c>,
/// tagged job.name with the job class (a handful of recurring jobs, so low cardinality). A run that throws is a failure even
/// when Hangfire retries it later.
/// </summary>
internal sealed class JobMetricsFilter(AppointEaseMetrics metrics) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        var job = context.BackgroundJob.Job?.Type.Name ?? "unknown";
        metrics.JobRan(job, failed: context.Exception is not null && !context.ExceptionHandled);
    }
}
