using System.Diagnostics.Metrics;
using AppointEase.WebApi.Infrastructure.Telemetry;

namespace AppointEase.WebApi.IntegrationTests.Telemetry;

/// <summary>Decision 140: only the HTTP durations keep OpenTelemetry's default of 2,000 points per stream.</summary>
public sealed class MetricCardinalityTests : IDisposable
{
    private readonly Meter _meter = new("cardinality-test");

    [Theory]
    [InlineData("http.server.request.duration")]
    [InlineData("http.client.request.duration")]
    public void TheHttpDurations_KeepTheDefaultLimit(string name) =>
        Assert.Null(TelemetryRegistration.CardinalityOf(_meter.CreateHistogram<double>(name)));

    [Theory]
    [InlineData("appointease.rate_limit.sql_fallbacks")]
    [InlineData("aspnetcore.routing.match_attempts")]
    [InlineData("process.runtime.dotnet.gc.collections.count")]
    public void EveryOtherStream_GetsTheSmallLimit(string name)
    {
        var view = TelemetryRegistration.CardinalityOf(_meter.CreateCounter<long>(name));

        Assert.NotNull(view);
        Assert.Equal(TelemetryRegistration.SmallCardinalityLimit, view.CardinalityLimit);
        Assert.Null(view.Name); // the stream keeps its instrument's name
    }

    public void Dispose() => _meter.Dispose();
}
