using System.Diagnostics;

namespace AppointEase.WebApi.IntegrationTests.Reliability;

/// <summary>
/// The test MariaDB as a process, through the restart contract of scripts/lib/servers.sh: its pidfile (kill -9,
/// SIGSTOP/SIGCONT) and scripts/lib/restart-mariadb.sh (same port and data directory, returns once it answers).
/// </summary>
internal static class TestMariaDb
{
    private static string PidFile => Required("APPOINTEASE_TEST_MYSQL_PIDFILE");
    private static string RestartScript => Required("APPOINTEASE_TEST_MYSQL_RESTART");

    private static int Pid => int.Parse(File.ReadAllText(PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>kill -9: the server and every connection die at once; committed data stays on disk.</summary>
    public static void Kill() => Process.GetProcessById(Pid).Kill();

    /// <summary>SIGSTOP: a hung server. Connections stay open and new ones are accepted by the kernel; nothing answers.</summary>
    public static Task FreezeAsync() => SignalAsync("STOP");

    public static Task ThawAsync() => SignalAsync("CONT");

    public static async Task RestartAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [RestartScript])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"restart-mariadb.sh failed: {await stderr}");
    }

    private static async Task SignalAsync(string signal)
    {
        using var process = Process.Start("kill", [$"-{signal}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. Run the suite with scripts/test.sh, which starts MariaDB.");
}
