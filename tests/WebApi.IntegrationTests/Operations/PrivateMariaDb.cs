using System.Diagnostics;
using AppointEase.WebApi.IntegrationTests.Jobs;

namespace AppointEase.WebApi.IntegrationTests.Operations;

/// <summary>
/// A MariaDB server of the test's own (never the shared one), on a free port with a temporary data directory, that
/// can be started after the app to play "the database is down at start-up". root has no password (loopback only).
/// </summary>
public sealed class PrivateMariaDb : PrivateServer, IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "appointease-tests", "mariadb-" + Guid.NewGuid().ToString("N")[..8]);

    public string ConnectionString(string database) => $"Server=127.0.0.1;Port={Port};User ID=root;Password=;Database={database};";

    /// <summary>mariadb-install-db into the data directory (a few seconds); the server is not started.</summary>
    public async Task InstallAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        var info = new ProcessStartInfo(Sbin("mariadb-install-db"),
            ["--no-defaults", $"--datadir={Path.Combine(_dir, "data")}", "--user=root", "--auth-root-authentication-method=normal"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var install = Process.Start(info)!;
        var output = install.StandardOutput.ReadToEndAsync();
        var error = install.StandardError.ReadToEndAsync();
        await install.WaitForExitAsync();
        if (install.ExitCode != 0) throw new InvalidOperationException($"mariadb-install-db failed: {await output}{await error}");
    }

    protected override ProcessStartInfo StartInfo() => new(Sbin("mariadbd"),
    [
        "--no-defaults", $"--datadir={Path.Combine(_dir, "data")}", $"--port={Port}", "--bind-address=127.0.0.1",
        $"--socket={Path.Combine(_dir, "sock")}", "--user=root", $"--pid-file={Path.Combine(_dir, "pid")}",
        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci", "--innodb-flush-log-at-trx-commit=2",
    ]);

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Sbin(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists) ?? name;
}
