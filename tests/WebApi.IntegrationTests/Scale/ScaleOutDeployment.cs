using System.Diagnostics;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Contract;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Operations;
using MySqlConnector;

namespace AppointEase.WebApi.IntegrationTests.Scale;

/// <summary>
/// The production shape of issue 18: three WebApi processes from the build, in Production mode and configured through
/// the environment only (as scripts/reliability.sh starts them), on the test script's Redis Cluster (slot state and
/// the Hangfire storage) and its MariaDB, behind nginx running the deploy kit's site (scripts/lib/nginx-ctl.sh).
/// The release step migrates first; the instances start one after another (issue 25: two instances seeding an empty
/// database at once is a known start-up race, not what these tests measure).
/// Instance C runs in a network namespace of its own (scripts/lib/netns.sh): nginx and the tests reach it over one
/// veth link, Redis over a second one that <see cref="CutCFromRedisAsync"/> takes down (split brain), MariaDB through
/// its Unix socket. Until then C is an instance like the others, only a forwarder hop further from Redis.
/// </summary>
public sealed class ScaleOutDeployment : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";   // OperatorSettings configures its hash
    // A process start takes 30-60 s on a loaded 2-core machine (ProductionStartupTests measured it).
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(180);

    private readonly string _nginxDir = Path.Combine(Path.GetTempPath(), "appointease-nginx", Guid.NewGuid().ToString("N")[..12]);
    private readonly string _netnsDir = Path.Combine(Path.GetTempPath(), "appointease-netns", Guid.NewGuid().ToString("N")[..12]);
    // Interface names (aeIDa, aeIDr) must stay under 16 characters; the 10.231.x.0/29 range is this run's alone.
    private readonly string _netnsId = Guid.NewGuid().ToString("N")[..6];
    private readonly string _net = $"10.231.{Random.Shared.Next(1, 255)}";
    private bool _netnsCreated;

    public OperatorSettings Settings { get; } = new();
    public List<AppProcess> Instances { get; } = [];
    public AppProcess A => Instances[0];
    public AppProcess C => Instances[2];
    /// <summary>The load balancer: nginx, round-robin over the three instances.</summary>
    public Uri Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try { await StartAsync(); }
        catch
        {
            await DisposeAsync();   // xUnit does not dispose a fixture whose start failed: stop what did start
            throw;
        }
    }

    private async Task StartAsync()
    {
        Settings.With("ConnectionStrings:Redis", TestServers.RedisCluster)
            .With("ConnectionStrings:Jobs", TestServers.RedisCluster)
            .With("Jobs:RedisPrefix", $"{{{Settings.DatabaseName}:hangfire}}:")   // hash-tagged, like the default (decision 110)
            .With("Database:SeedDemoData", "true")
            .With("ForwardedHeaders:KnownProxies:0", "127.0.0.1")
            // Decision 095: budgets sized for a 2-core machine shared with builds (production keeps 1 s).
            .With("Database:CommandTimeoutSeconds", "3").With("Database:ConnectTimeoutSeconds", "3")
            .With("Redis:OperationTimeoutMs", "2000").With("Redis:ConnectTimeoutMs", "2000")
            .With("SlotState:HealthCheckIntervalMs", "250")
            .With("Security:ReadinessDetails", "true");   // /health/ready names the storage mode of each instance
        // Every simulated visitor comes from 127.0.0.1: these tests are about several instances, not the abuse limits.
        foreach (var limit in new[] { "HeartbeatPerClient", "BookingPerIp", "OtpPerIp", "SlotsPerIp", "VerifyPerIp", "BookingMailPerUnverifiedRecipient" })
            Settings.With($"RateLimits:{limit}:PermitLimit", "1000000");
        Settings.With("Holds:PerClient", "100").With("Holds:PerNetwork", "10000");

        await using (var migrate = AppProcess.Start(Settings.Values, "migrate"))
        {
            var exit = await migrate.WaitForExitAsync(StartBudget);
            Assert.True(exit == 0, $"migrate failed ({exit}):\n{migrate.Output}");
        }
        for (var i = 0; i < 2; i++)
        {
            var instance = AppProcess.Start(Settings.Values);
            Instances.Add(instance);
            await instance.WaitReadyAsync(StartBudget);
        }
        var clusterPorts = TestServers.RedisCluster.Split(',').Select(node => node.Split(':')[1]);
        _netnsCreated = true;
        var host = (await RunAsync("netns.sh", ["create", _netnsDir, _netnsId, _net, .. clusterPorts])).Trim();
        var inNamespace = new Dictionary<string, string?>(Settings.Values)
        {
            ["ConnectionStrings:Database"] = new MySqlConnectionStringBuilder(Settings.ConnectionString)
            {
                Server = TestServers.MySqlSocket, ConnectionProtocol = MySqlConnectionProtocol.UnixSocket,
            }.ConnectionString,
            ["ForwardedHeaders:KnownProxies:1"] = $"{_net}.1",   // nginx reaches C over the app link
            // C serves requests only: the split cuts its jobs' Redis too, and jobs run on A and B (docs/scaling.md).
            ["Jobs:RunServer"] = "false",
        };
        var c = AppProcess.Start(inNamespace, host, $"ae-{_netnsId}");
        Instances.Add(c);
        await c.WaitReadyAsync(StartBudget);
        Nginx = new Uri((await RunAsync("nginx-ctl.sh", ["start", _nginxDir, .. Instances.Select(i => $"{i.Host}:{i.Port}")])).Trim());
    }

    public HttpClient Client(AppProcess instance) => new() { BaseAddress = instance.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient ThroughNginx() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = Nginx, Timeout = TimeSpan.FromSeconds(30),
    };

    public HttpClient Admin(AppProcess instance)
    {
        var client = Client(instance);
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    /// <summary>How many requests for <paramref name="path"/> each instance answered, from nginx's access log (`upstream=`).</summary>
    public IReadOnlyDictionary<string, int> AnsweredBy(string path) =>
        File.ReadLines(Path.Combine(_nginxDir, "nginx", "access.log"))
            .Where(line => line.Contains($" {path} ", StringComparison.Ordinal))
            .Select(line => line.Split(" upstream=")[1].Split(' ')[0].TrimEnd(','))
            .GroupBy(upstream => upstream).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>One number from the deployment's database, for checks the API does not offer (e.g. double claims).</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new MySqlConnection(Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Takes C's Redis link down: C loses Redis (every node of the Cluster), A and B keep it.</summary>
    public Task CutCFromRedisAsync() => RunAsync("netns.sh", ["cut", _netnsId]);

    public Task HealCAsync() => RunAsync("netns.sh", ["heal", _netnsId]);

    /// <summary>The slot-state mode an instance reports on /health/ready ("redis" or "mysql").</summary>
    public async Task<string?> StorageModeAsync(AppProcess instance)
    {
        using var client = Client(instance);
        try
        {
            // Read whatever the status: a 503 (e.g. C's job storage cut off with Redis) still names the mode.
            using var response = await client.GetAsync("/health/ready");
            var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return ready.GetProperty("checks").GetProperty("slotState").GetProperty("data").GetProperty("storageMode").GetString();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;   // the instance did not answer
        }
    }

    public async Task DisposeAsync()
    {
        try { await RunAsync("nginx-ctl.sh", ["stop", _nginxDir]); }
        finally
        {
            foreach (var instance in Instances) await instance.DisposeAsync();
            if (_netnsCreated) await RunAsync("netns.sh", ["delete", _netnsDir, _netnsId]);
            await Settings.DisposeAsync();
        }
    }

    private static async Task<string> RunAsync(string script, string[] args)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepoFiles.Root, "scripts", "lib", script), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed: {await error}");
        return await output;
    }
}

/// <summary>
/// The multi-process scale-out tests share one deployment and run alone, after the parallel collections: three
/// processes and a 10,000-attempt race beside dozens of in-process test classes would turn the 1 s visibility checks
/// into a test of the machine's scheduler.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutDeployment>
{
    public const string Name = "Scale-out processes (run alone)";
}
