using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// A redis-server of this test's own, so an outage can be staged by killing it (the shared test Redis is never touched).
/// Killed by its own pid on dispose.
/// </summary>
public sealed class PrivateRedis : IDisposable
{
    private readonly Process _process;

    private PrivateRedis(int port, Process process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }
    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (is it installed?).");
        var redis = new PrivateRedis(port, process);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("redis-server exited: " + await process.StandardError.ReadToEndAsync());
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return redis;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        redis.Dispose();
        throw new TimeoutException($"redis-server did not listen on {port}.");
    }

    /// <summary>A hard outage: SIGKILL, as a crashed server.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill();
        _process.WaitForExit(5000);
    }

    /// <summary>A port nothing listens on (bound once by us, then released).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
