using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AppointEase.WebApi.IntegrationTests.Operations;

/// <summary>
/// The built WebApi (src/WebApi/bin/&lt;Configuration&gt;/net10.0) run as an operator runs it: <c>dotnet
/// AppointEase.WebApi.dll [migrate]</c> with configuration in environment variables, on a free loopback port. Output
/// (stdout and stderr) is collected; the process is killed by its own handle on dispose. Optionally inside a network
/// namespace (<c>ip netns exec</c>, which execs, so the handle is still dotnet's) listening on that namespace's address.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, string host, int port)
    {
        _process = process;
        Host = host;
        Port = port;
    }

    public string Host { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://{Host}:{Port}");
    public string Output => string.Join('\n', _output);
    public bool HasExited => _process.HasExited;

    public static AppProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        Start(environment, "127.0.0.1", networkNamespace: null, args);

    /// <param name="host">the address to listen on (a namespace's own address when <paramref name="networkNamespace"/> is set)</param>
    public static AppProcess Start(IReadOnlyDictionary<string, string?> environment, string host, string? networkNamespace, params string[] args)
    {
        var port = FreePort();   // free on the host's loopback; in a fresh namespace every port is free
        var info = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip") { WorkingDirectory = AppDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (networkNamespace is not null) foreach (var arg in new[] { "netns", "exec", networkNamespace, "dotnet" }) info.ArgumentList.Add(arg);
        info.ArgumentList.Add(Path.Combine(AppDirectory, "AppointEase.WebApi.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_URLS"] = $"http://{host}:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = null;
        foreach (var (key, value) in environment) info.Environment[key.Replace(":", "__")] = value;
        var process = new Process { StartInfo = info };
        var app = new AppProcess(process, host, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Runs to completion (e.g. the migrate command or a start-up that must fail) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Assert.Fail($"The app did not exit within {timeout.TotalSeconds} s. Output:\n{Output}"); }
        _process.WaitForExit();   // drains the output readers
        return _process.ExitCode;
    }

    public async Task<HttpStatusCode?> ReadyStatusAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try { return (await client.GetAsync("/health/ready")).StatusCode; }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) { return null; }
    }

    /// <summary>Polls /health/ready until 200; fails early if the process exits.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) Assert.Fail($"The app exited with {_process.ExitCode} before it was ready. Output:\n{Output}");
            if (await ReadyStatusAsync() == HttpStatusCode.OK) return;
            await Task.Delay(100);
        }
        Assert.Fail($"The app was not ready within {timeout.TotalSeconds} s. Output:\n{Output}");
    }

    public void SendSigterm()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } }
        catch (InvalidOperationException) { }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The WebApi build next to this test build: same configuration (scripts/test.sh builds the solution once).</summary>
    public static string AppDirectory { get; } = FindAppDirectory();

    private static string FindAppDirectory()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testDir.Name;                       // net10.0
        var configuration = testDir.Parent!.Name;          // Release / Debug
        for (var dir = testDir; dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "AppointEase.sln"))) continue;
            var app = Path.Combine(dir.FullName, "src", "WebApi", "bin", configuration, framework);
            if (File.Exists(Path.Combine(app, "AppointEase.WebApi.dll"))) return app;
            throw new InvalidOperationException($"No WebApi build in {app}: build the solution ({configuration}) first.");
        }
        throw new InvalidOperationException("Repository root (AppointEase.sln) not found above " + testDir.FullName);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Process tests start several dotnet processes each; running them one class at a time keeps a 2-core machine usable.</summary>
[CollectionDefinition(Name)]
public sealed class AppProcessCollection
{
    public const string Name = "App processes";
}
