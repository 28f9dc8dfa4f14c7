using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the network round trips a piece of code waited for, from StackExchange.Redis's own profiling: commands sent
/// together (pipelined on the multiplexer) overlap in time and cost one round trip; a command created only after another
/// completed (the code awaited the reply first) costs one more. Attach with <see cref="Start"/>, run the code, read
/// <see cref="Stop"/>. Replaces the multiplexer's profiler (the telemetry's), so use it on an app of the test's own.
/// </summary>
public sealed class RedisRoundTrips
{
    private readonly ProfilingSession _session = new();
    private readonly IConnectionMultiplexer _multiplexer;

    private RedisRoundTrips(IConnectionMultiplexer multiplexer)
    {
        _multiplexer = multiplexer;
        multiplexer.RegisterProfiler(() => _session);
    }

    public static RedisRoundTrips Start(IConnectionMultiplexer multiplexer) => new(multiplexer);

    /// <summary>The commands seen, oldest first, and the longest chain of them each created after the previous completed.</summary>
    public (IReadOnlyList<IProfiledCommand> Commands, int RoundTrips) Stop()
    {
        _multiplexer.RegisterProfiler(() => null);
        var commands = _session.FinishProfiling().OrderBy(c => c.CommandCreated).ToList();
        // Most intervals [created, completed] that do not overlap: greedy by earliest completion.
        var roundTrips = 0;
        var lastCompleted = DateTime.MinValue;
        foreach (var command in commands.OrderBy(Completed))
        {
            if (command.CommandCreated < lastCompleted) continue;
            roundTrips++;
            lastCompleted = Completed(command);
        }
        return (commands, roundTrips);
    }

    private static DateTime Completed(IProfiledCommand command) => command.CommandCreated + command.ElapsedTime;
}
