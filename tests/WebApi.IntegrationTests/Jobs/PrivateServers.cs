using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

/// <summary>
/// A server process of the test's own (never the shared dev servers), on a free port, started and stopped at will to
/// simulate an outage, and killed by its own pid on dispose.
/// </summary>
public abstract class PrivateServer : IAsyncDisposable
{
    private Process? _process;

    protected PrivateServer() => Port = FreePort();

    public int Port { get; }
    public string Endpoint => $"127.0.0.1:{Port}";

    protected abstract ProcessStartInfo StartInfo();

    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;
        var info = StartInfo();
        info.UseShellExecute = false;
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + info.FileName);
        // Drain the pipes so a chatty server never blocks on a full buffer.
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{StartInfo().FileName} exited with {_process.ExitCode}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"{StartInfo().FileName} did not listen on {Port}");
    }

    public void Stop()
    {
        if (_process is null) return;
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>redis-server in the foreground, no persistence: stopping it is a faithful outage.</summary>
public sealed class PrivateRedis : PrivateServer
{
    protected override ProcessStartInfo StartInfo() => new("redis-server", ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
}

/// <summary>aiosmtpd writing each message as a file in a maildir (<see cref="NewMessages"/>).</summary>
public sealed class PrivateSmtpSink : PrivateServer
{
    public PrivateSmtpSink()
    {
        // aiosmtpd creates the maildir (tmp/new/cur) itself, but only when the folder does not exist yet.
        Maildir = Path.Combine(Path.GetTempPath(), "appointease-tests", "smtp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.GetDirectoryName(Maildir)!);
    }

    public string Maildir { get; }

    public string[] NewMessages() => Directory.Exists(Path.Combine(Maildir, "new")) ? Directory.GetFiles(Path.Combine(Maildir, "new")) : [];

    // Debian's interpreter: a python3 earlier on PATH may not see python3-aiosmtpd.
    protected override ProcessStartInfo StartInfo() =>
        new("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir]);
}
