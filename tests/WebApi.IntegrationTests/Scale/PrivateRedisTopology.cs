using System.Diagnostics;
using AppointEase.WebApi.IntegrationTests.Contract;
using StackExchange.Redis;

namespace AppointEase.WebApi.IntegrationTests.Scale;

/// <summary>
/// A Redis Cluster (3 masters + 3 replicas) or Sentinel group (master, replica, 3 sentinels) of one test alone, started
/// by scripts/lib/redis-topology.sh, so the test can kill its master without disturbing the suite's shared servers.
/// </summary>
public sealed class PrivateRedisTopology : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "appointease-topology", Guid.NewGuid().ToString("N")[..12]);
    private readonly string _kind;

    private PrivateRedisTopology(string kind) => _kind = kind;

    /// <summary>The StackExchange.Redis connection string: the cluster's seed list, or the sentinels with serviceName.</summary>
    public string ConnectionString { get; private set; } = "";

    public static Task<PrivateRedisTopology> ClusterAsync() => StartAsync("cluster");
    public static Task<PrivateRedisTopology> SentinelAsync() => StartAsync("sentinel");

    /// <summary>Up to three tries: a node can lose its kernel-chosen port (or its bus port, port + 10000) to another process.</summary>
    private static async Task<PrivateRedisTopology> StartAsync(string kind)
    {
        for (var attempt = 1; ; attempt++)
        {
            var topology = new PrivateRedisTopology(kind);
            try
            {
                topology.ConnectionString = (await RunAsync("start", kind, topology._dir)).Trim();
                return topology;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await topology.DisposeAsync();   // the nodes that did start
            }
        }
    }

    /// <summary>kill -9 of the cluster master that owns <paramref name="key"/>'s hash slot; returns its port.</summary>
    public async Task<int> KillClusterMasterOfAsync(RedisKey key)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
        var nodes = redis.GetServer(redis.GetEndPoints()[0]).ClusterNodes()!;
        var owner = nodes.GetBySlot(redis.HashSlot(key))!;
        var port = ((System.Net.IPEndPoint)owner.EndPoint!).Port;
        Kill(Path.Combine(_dir, "redis-cluster", $"{port}.pid"));
        return port;
    }

    /// <summary>kill -9 of the Sentinel group's first master; returns its port.</summary>
    public int KillSentinelMaster()
    {
        var port = int.Parse(File.ReadAllText(Path.Combine(_dir, "redis-sentinel", "master.port")).Trim());
        Kill(Path.Combine(_dir, "redis-sentinel", $"{port}.pid"));
        return port;
    }

    /// <summary>True once the cluster serves every slot again (a replica took over the killed master's slots).</summary>
    public async Task<bool> ClusterIsHealthyAsync(int killedPort)
    {
        try
        {
            var seed = ConnectionString.Split(',').First(e => !e.EndsWith($":{killedPort}", StringComparison.Ordinal));
            await using var redis = await ConnectionMultiplexer.ConnectAsync(seed + ",connectTimeout=1000,allowAdmin=true");
            var info = (string?)await redis.GetServer(seed).ExecuteAsync("CLUSTER", "INFO");
            return info?.Contains("cluster_state:ok", StringComparison.Ordinal) == true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private static void Kill(string pidFile)
    {
        using var process = Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Trim()));
        process.Kill();
        process.WaitForExit(5000);
    }

    public async ValueTask DisposeAsync() => await RunAsync("stop", _dir);

    private static async Task<string> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepoFiles.Root, "scripts", "lib", "redis-topology.sh"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"redis-topology.sh {string.Join(' ', args)} failed: {await error}");
        return await output;
    }
}
