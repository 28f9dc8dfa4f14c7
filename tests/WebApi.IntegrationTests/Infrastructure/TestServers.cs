namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// Addresses of the real servers that scripts/test.sh starts. A missing variable fails the test with a clear message:
/// tests that need a server never skip.
/// </summary>
public static class TestServers
{
    public static string MySql => Required("APPOINTEASE_TEST_MYSQL");
    /// <summary>The same MariaDB's Unix socket: reachable from inside a network namespace, unlike 127.0.0.1.</summary>
    public static string MySqlSocket => Required("APPOINTEASE_TEST_MYSQL_SOCKET");
    public static string Redis => Required("APPOINTEASE_TEST_REDIS");
    /// <summary>Seed list of every node of the 3-master, 3-replica Redis Cluster.</summary>
    public static string RedisCluster => Required("APPOINTEASE_TEST_REDIS_CLUSTER");
    /// <summary>The three sentinels plus <c>serviceName=</c>, as StackExchange.Redis takes them.</summary>
    public static string RedisSentinel => Required("APPOINTEASE_TEST_REDIS_SENTINEL");
    public static string Smtp => Required("APPOINTEASE_TEST_SMTP");
    public static string SmtpMaildir => Required("APPOINTEASE_TEST_SMTP_MAILDIR");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. Run the suite with scripts/test.sh, which starts MariaDB, Redis (single, Cluster and Sentinel) and an SMTP sink.");
}
