using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Polly.Timeout;

namespace AppointEase.Infrastructure.Webhooks;

/// <summary>What one attempt came to: the receiver's status (null without an answer), latency, and an error code.</summary>
internal sealed record WebhookAttemptOutcome(bool Succeeded, int? StatusCode, int DurationMs, string? Error, string? ResponseExcerpt);

/// <summary>
/// One signed POST. The client (named <see cref="ClientName"/>) has no retries of its own: the outbox retries with hours
/// of backoff, which an in-call retry policy must not multiply. Errors are classified by type, never by message.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients)
{
    public const string ClientName = "webhooks";

    public async Task<WebhookAttemptOutcome> SendAsync(string url, string messageId, string body, string secret, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, messageId, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("AppointEase-Webhooks", "1"));

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ExcerptAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            var ok = status is >= 200 and < 300;
            return new(ok, status, Elapsed(watch), ok ? null : "http_status", excerpt);
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } error)
        {
            return new(false, null, Elapsed(watch), error, null);
        }
    }

    private static string? Classify(Exception ex, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return null; // shutting down: the claim expires and the sweep retries
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is WebhookTargetRefusedException refused) return "target_refused: " + refused.Message;
        }
        return ex switch
        {
            TimeoutRejectedException or TaskCanceledException or OperationCanceledException => "timeout",
            HttpRequestException http => "connection_failed: " + http.HttpRequestError,
            _ => null,
        };
    }

    /// <summary>The first 500 characters of the answer, for the delivery log; the rest is not read.</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[500];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
            return read == 0 ? null : new string(buffer, 0, read);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException or OperationCanceledException)
        {
            return null;
        }
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);
}
