using System.Text.RegularExpressions;
using MimeKit;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>Reads what the app really sent through SMTP to the test sink (a maildir); tests use a unique recipient each.</summary>
public static partial class SmtpSink
{
    /// <summary>Points a factory's mail at the sink instead of the pickup directory.</summary>
    public static AppFactory WithSmtpSink(this AppFactory factory)
    {
        var (host, port) = HostAndPort(TestServers.Smtp);
        return factory.With("Email:Smtp:Host", host).With("Email:Smtp:Port", port).With("Email:Smtp:Security", "None");
    }

    public static async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(string recipient, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = MessagesTo(recipient);
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Expected {count} message(s) to {recipient} in {TestServers.SmtpMaildir}/new, found {found.Count}.");
            await Task.Delay(100);
        }
    }

    public static IReadOnlyList<MimeMessage> MessagesTo(string recipient)
    {
        var directory = Path.Combine(TestServers.SmtpMaildir, "new");
        if (!Directory.Exists(directory)) return [];
        var messages = new List<(DateTime Written, MimeMessage Message)>();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            // Cheap pre-filter: the sink holds every test's mail, parse only files that mention the recipient.
            string text;
            try { text = File.ReadAllText(file); } catch (IOException) { continue; }
            if (!text.Contains(recipient, StringComparison.OrdinalIgnoreCase)) continue;
            var message = MimeMessage.Load(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase)))
                messages.Add((File.GetLastWriteTimeUtc(file), message));
        }
        return messages.OrderBy(m => m.Written).ThenBy(m => m.Message.Date).Select(m => m.Message).ToList();
    }

    /// <summary>The 6-digit code of the newest sign-in mail to <paramref name="recipient"/>.</summary>
    public static async Task<string> WaitForOtpCodeAsync(string recipient, int messageNumber = 1)
    {
        var messages = await WaitForMessagesAsync(recipient, messageNumber);
        var body = messages[messageNumber - 1].TextBody ?? "";
        var match = Code().Match(body);
        Assert.True(match.Success, $"No 6-digit code in: {body}");
        return match.Value;
    }

    private static (string Host, string Port) HostAndPort(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return (endpoint[..colon], endpoint[(colon + 1)..]);
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex Code();
}
