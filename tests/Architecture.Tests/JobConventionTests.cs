using System.Reflection;
using Hangfire;

namespace AppointEase.Architecture.Tests;

public sealed class JobConventionTests
{
    private static IEnumerable<Type> Jobs() =>
        Layers.Infrastructure.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Job", StringComparison.Ordinal));

    [Fact]
    public void Jobs_Exist() => Assert.NotEmpty(Jobs());

    /// <summary>
    /// Each job states its own retry policy, and with Hangfire's log line off: JobFailureLoggingFilter already logs a
    /// failed run once, per host; Hangfire's line would repeat it through its process-wide log provider.
    /// </summary>
    [Fact]
    public void Jobs_DeclareTheirRetries_AndLeaveFailureLoggingToTheHostFilter()
    {
        var offenders = Jobs()
            .Where(t => t.GetCustomAttribute<AutomaticRetryAttribute>(inherit: false) is not { LogEvents: false })
            .Select(t => t.FullName);

        Assert.Empty(offenders);
    }
}
