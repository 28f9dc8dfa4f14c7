using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Slots;
using AppointEase.Application.Slots.LockSlot;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Logging;

namespace AppointEase.Application.UnitTests.Common.Behaviors;

/// <summary>What the outermost behaviour writes for each kind of failure, with the gate's decision given.</summary>
public sealed class UnhandledExceptionBehaviorTests
{
    private static readonly LockSlotCommand Command = new("2026-12-07", 1, "09:00", "client-1");
    private readonly RecordingLogger _log = new();

    [Fact]
    public async Task ABug_IsLoggedAtErrorWithItsException_AndMarkedAsLogged()
    {
        var bug = new InvalidOperationException("bug");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Run(FaultLogDecision.Always, bug));

        var entry = Assert.Single(_log.Entries);
        Assert.Equal((LogLevel.Error, bug), (entry.Level, entry.Exception));
        Assert.Contains(nameof(LockSlotCommand), entry.Message);
        Assert.True(thrown.Data.Contains(UnhandledExceptionBehavior<LockSlotCommand, Result<SlotLockDto>>.LoggedKey));
    }

    [Fact]
    public async Task AnOutageTheGateAdmits_IsOneErrorCountingTheFailuresNotLogged()
    {
        var outage = new TimeoutException("frozen");

        await Assert.ThrowsAsync<TimeoutException>(() => Run(new FaultLogDecision(true, DataFault.Unavailable, 41), outage));

        var entry = Assert.Single(_log.Entries);
        Assert.Equal((LogLevel.Error, outage), (entry.Level, entry.Exception));
        Assert.Contains("41", entry.Message);
        Assert.Contains("Unavailable", entry.Message);
    }

    [Fact]
    public async Task AnOutageTheGateHoldsBack_IsDebugOnly()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => Run(new FaultLogDecision(false, DataFault.Unavailable, 0), new TimeoutException()));

        Assert.Equal(LogLevel.Debug, Assert.Single(_log.Entries).Level);
    }

    [Fact]
    public async Task ValidationFailuresAndCancellations_AreNotLogged()
    {
        await Assert.ThrowsAsync<ValidationException>(() => Run(FaultLogDecision.Always, new ValidationException([new ValidationFailure("date", "bad")])));
        await Assert.ThrowsAsync<OperationCanceledException>(() => Run(FaultLogDecision.Always, new OperationCanceledException()));

        Assert.Empty(_log.Entries);
    }

    private async Task Run(FaultLogDecision decision, Exception failure)
    {
        var behavior = new UnhandledExceptionBehavior<LockSlotCommand, Result<SlotLockDto>>(_log, new FixedGate(decision));
        await behavior.Handle(Command, (_, _) => throw failure, CancellationToken.None);
    }

    private sealed class FixedGate(FaultLogDecision decision) : IFaultLogGate
    {
        public FaultLogDecision Admit(Exception exception) => decision;
    }

    private sealed class RecordingLogger : ILogger<UnhandledExceptionBehavior<LockSlotCommand, Result<SlotLockDto>>>
    {
        public List<(LogLevel Level, Exception? Exception, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception, formatter(state, exception)));
    }
}
