using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// A raw MONITOR connection: records every command the server runs, with commands run by Lua scripts marked
/// <c>[0 lua]</c>. Lets a test count real client round trips, which INFO commandstats cannot (it counts script calls too).
/// </summary>
public sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly List<string> _lines = [];
    private readonly Task _reader;
    private readonly CancellationTokenSource _stop = new();

    private RedisMonitor(TcpClient client, StreamReader reader)
    {
        _client = client;
        _reader = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                    lock (_lines) _lines.Add(line);
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        });
    }

    public static async Task<RedisMonitor> StartAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        var reader = new StreamReader(stream, Encoding.UTF8);
        var ok = await reader.ReadLineAsync();
        if (ok != "+OK") throw new InvalidOperationException($"MONITOR answered {ok}");
        return new RedisMonitor(client, reader);
    }

    /// <summary>Waits a moment for the last lines to arrive, stops, and returns what was seen.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await Task.Delay(300);
        await _stop.CancelAsync();
        _client.Close();
        await _reader;
        lock (_lines) return _lines.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        try { await _reader; } catch (ObjectDisposedException) { }
        _stop.Dispose();
    }
}
