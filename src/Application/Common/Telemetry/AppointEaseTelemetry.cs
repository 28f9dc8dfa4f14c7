using System.Diagnostics;

namespace AppointEase.Application.Common.Telemetry;

/// <summary>
/// The names the app's own telemetry goes out under: one <see cref="ActivitySource"/> and one meter, both
/// "AppointEase". Only BCL types (System.Diagnostics), so Application stays free of OpenTelemetry packages; the
/// WebApi's telemetry registration subscribes to these names.
/// </summary>
public static class AppointEaseTelemetry
{
    public const string Name = "AppointEase";

    /// <summary>Spans for mediator requests (<see cref="Behaviors.TracingBehavior{TMessage, TResponse}"/>).</summary>
    public static readonly ActivitySource ActivitySource = new(Name);
}
