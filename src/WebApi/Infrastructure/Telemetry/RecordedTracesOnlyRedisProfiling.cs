using System.Diagnostics;
using System.Reflection;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace AppointEase.WebApi.Infrastructure.Telemetry;

/// <summary>
/// The connection handed to the Redis instrumentation: it forwards everything to the real multiplexer but wraps the
/// profiler the instrumentation registers so that only commands inside a <em>recorded</em> trace are profiled.
/// </summary>
/// <remarks>
/// The instrumentation opens a profiling session for every request that has an activity, sampled or not, and a drain
/// thread turns each command into a span that the sampler then drops. With heartbeat polls traced at 1 % (decision
/// 120) that was most of the remaining telemetry cost of a poll (docs/benchmarks.md). A command with no recorded
/// activity around it (a dropped poll, a background job, the health probe) is now not profiled at all.
/// </remarks>
public class RecordedTracesOnlyRedisProfiling : DispatchProxy
{
    private IConnectionMultiplexer _inner = null!;

    public static IConnectionMultiplexer Wrap(IConnectionMultiplexer inner)
    {
        var proxy = Create<IConnectionMultiplexer, RecordedTracesOnlyRedisProfiling>();
        ((RecordedTracesOnlyRedisProfiling)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(IConnectionMultiplexer.RegisterProfiler) && args?[0] is Func<ProfilingSession?> sessions)
        {
            _inner.RegisterProfiler(() => Activity.Current is { Recorded: true } ? sessions() : null);
            return null;
        }
        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
