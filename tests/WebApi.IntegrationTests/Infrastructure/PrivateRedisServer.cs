using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// A redis-server of this test alone (free port, no persistence), so a test can kill -9 it and start it again on the same
/// port: a faithful outage that never touches the shared servers. Binary: APPOINTEASE_TEST_REDIS_SERVER or redis-server on PATH.
/// </summary>
public sealed class PrivateRedisServer : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "appointease-redis", Guid.NewGuid().ToString("N")[..12]);

    private PrivateRedisServer(int port)
    {
        Port = port;
        Directory.CreateDirectory(_dir);
    }

    public int Port { get; }
    public string Endpoint => $"127.0.0.1:{Port}";
    private string PidFile => Path.Combine(_dir, "redis.pid");

    public static async Task<PrivateRedisServer> StartAsync()
    {
        var server = new PrivateRedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts (or restarts, after <see cref="KillAsync"/>) on the same port and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var binary = Environment.GetEnvironmentVariable("APPOINTEASE_TEST_REDIS_SERVER") is { Length: > 0 } path ? path : "redis-server";
        await RunAsync(binary, $"--port {Port} --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile {PidFile} --dir {_dir}");
        for (var i = 0; i < 100; i++)
        {
            if (await PingsAsync()) return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"redis-server on port {Port} did not start.");
    }

    /// <summary>kill -9 by pid: the process dies with its connections, like a crashed or unreachable Redis.</summary>
    public async Task KillAsync()
    {
        for (var i = 0; i < 50 && !File.Exists(PidFile); i++) await Task.Delay(20);
        var pid = int.Parse((await File.ReadAllTextAsync(PidFile)).Trim());
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        File.Delete(PidFile);
    }

    /// <summary>SIGSTOP (true) / SIGCONT (false): a hung Redis whose connections stay open while nothing answers.</summary>
    public async Task FreezeAsync(bool frozen)
    {
        var pid = (await File.ReadAllTextAsync(PidFile)).Trim();
        using var signal = Process.Start("kill", [frozen ? "-STOP" : "-CONT", pid]);
        await signal.WaitForExitAsync();
        if (signal.ExitCode != 0) throw new InvalidOperationException($"kill {(frozen ? "-STOP" : "-CONT")} {pid} failed");
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(PidFile))
        {
            try { await KillAsync(); } catch (ArgumentException) { } // already gone
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private async Task<bool> PingsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"{file} {arguments}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} failed: {await process.StandardError.ReadToEndAsync()}{await process.StandardOutput.ReadToEndAsync()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
