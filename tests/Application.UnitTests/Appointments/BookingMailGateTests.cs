using AppointEase.Application.Appointments.ConfirmBooking;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Common;

namespace AppointEase.Application.UnitTests.Appointments;

[TestsFor(typeof(BookingMailGate))]
public sealed class BookingMailGateTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public Task InitializeAsync() => _world.SeedAsync();
    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task AHandlerRunAgainByTheUnitOfWork_CountsItsAddressOnce_AndKeepsTheFirstAnswer()
    {
        var gate = _world.Create<BookingMailGate>();
        var ann = EmailAddress.Parse("ann@example.com");

        Assert.True(await gate.MayMailAsync(ann, default));
        _world.Limiter.Allow = false;   // a second count would now refuse
        Assert.True(await gate.MayMailAsync(ann, default));

        Assert.Equal(["ann@example.com"], _world.Limiter.Hits.Select(h => h.Subject));
    }

    [Fact]
    public async Task AnotherAddress_IsCountedOnItsOwn()
    {
        var gate = _world.Create<BookingMailGate>();

        await gate.MayMailAsync(EmailAddress.Parse("ann@example.com"), default);
        _world.Limiter.Allow = false;

        Assert.False(await gate.MayMailAsync(EmailAddress.Parse("bob@example.com"), default));
        Assert.Equal(["ann@example.com", "bob@example.com"], _world.Limiter.Hits.Select(h => h.Subject));
    }
}
