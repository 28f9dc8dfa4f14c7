using System.Net;
using System.Net.Sockets;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;

namespace AppointEase.Infrastructure.IntegrationTests.Faults;

/// <summary>
/// The outage gate on a real connection failure (MySqlConnector refused by a closed port, classified Unavailable by
/// type and code) and a fake clock: one Error per window, the rest counted into the next one.
/// </summary>
public sealed class OutageFaultLogGateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnOutage_IsLoggedOncePerWindow_AndTheNextErrorCountsWhatWasNotLogged()
    {
        var gate = new OutageFaultLogGate(_time);
        var refused = await RefusedConnection();

        var first = gate.Admit(refused);
        var repeats = Enumerable.Range(0, 5).Select(_ => gate.Admit(refused)).ToList();
        _time.Advance(OutageFaultLogGate.Window - TimeSpan.FromSeconds(1));
        var stillInWindow = gate.Admit(refused);
        _time.Advance(TimeSpan.FromSeconds(1));
        var nextWindow = gate.Admit(refused);

        Assert.Equal(new FaultLogDecision(true, DataFault.Unavailable, 0), first);
        Assert.All(repeats, d => Assert.False(d.Log));
        Assert.False(stillInWindow.Log);
        Assert.Equal(new FaultLogDecision(true, DataFault.Unavailable, 6), nextWindow);
    }

    [Fact]
    public async Task ABurstOfConcurrentFailures_LogsExactlyOne()
    {
        var gate = new OutageFaultLogGate(_time);
        var refused = await RefusedConnection();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => gate.Admit(refused))));

        Assert.Single(decisions, d => d.Log);
        _time.Advance(OutageFaultLogGate.Window);
        Assert.Equal(199, gate.Admit(refused).NotLoggedBefore);
    }

    [Fact]
    public async Task AFaultThatIsNotAnOutage_IsAlwaysLogged_AndDoesNotOpenAWindow()
    {
        var gate = new OutageFaultLogGate(_time);

        var bugs = Enumerable.Range(0, 3).Select(_ => gate.Admit(new InvalidOperationException("a bug"))).ToList();
        var outage = gate.Admit(await RefusedConnection());

        Assert.All(bugs, d => Assert.Equal(FaultLogDecision.Always, d));
        Assert.True(outage.Log);
    }

    private static async Task<Exception> RefusedConnection()
    {
        var builder = new MySqlConnectionStringBuilder { Server = "127.0.0.1", Port = (uint)ClosedPort(), ConnectionTimeout = 1, Pooling = false };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        return await Assert.ThrowsAsync<MySqlException>(() => connection.OpenAsync());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nobody listens there
    }
}
