namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// Addresses of the real servers that scripts/test.sh starts. A missing variable fails the test with a clear message:
/// tests that need a server never skip.
/// </summary>
public static class TestServers
{
    public static string MySql => Required("APPOINTEASE_TEST_MYSQL");
    public static string Redis => Required("APPOINTEASE_TEST_REDIS");
    public static string Smtp => Required("APPOINTEASE_TEST_SMTP");
    public static string SmtpMaildir => Required("APPOINTEASE_TEST_SMTP_MAILDIR");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set. Run the suite with scripts/test.sh, which starts MariaDB, Redis and an SMTP sink.");
}
