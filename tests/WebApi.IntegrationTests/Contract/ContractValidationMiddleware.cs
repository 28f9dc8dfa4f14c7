using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AppointEase.WebApi.IntegrationTests.Contract;

/// <summary>
/// Test-only, outermost middleware of every <c>AppFactory</c> app: each response to a documented operation is held back,
/// checked by <see cref="OpenApiResponseContract"/> and only then sent. A mismatch throws, which TestServer hands to the
/// test's HttpClient, so the test that received an undocumented status, header or field fails, naming it.
/// </summary>
internal sealed class ContractValidationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var operation = OpenApiResponseContract.Instance.Find(context.Request.Method, context.Request.Path.Value ?? "");
        if (operation is null)
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        using var buffer = new EventStreamPassThrough(context, original, body => Verify(context, operation, body));
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (buffer.PassedThrough) return; // an event stream: checked at its first write, sent as it was written
        Verify(context, operation, buffer.Held.ToArray());
        buffer.Held.Position = 0;
        await buffer.Held.CopyToAsync(original, context.RequestAborted);
    }

    private static void Verify(HttpContext context, System.Text.Json.Nodes.JsonNode operation, byte[] body)
    {
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var problems = OpenApiResponseContract.Instance.Check(operation, context.Response.StatusCode, headers, context.Response.ContentType, body);
        if (problems.Count > 0)
            throw new OpenApiContractViolation(
                $"{context.Request.Method} {context.Request.Path} → {context.Response.StatusCode} does not match the OpenAPI document " +
                $"(src/WebApi/ClientApp/openapi.json):\n  " + string.Join("\n  ", problems));
    }
}

/// <summary>
/// Holds the response back for the check, except a <c>text/event-stream</c>: that never ends by itself, so its status,
/// headers and content type are checked at its first write and every write and flush then goes straight through.
/// </summary>
internal sealed class EventStreamPassThrough(HttpContext context, Stream original, Action<byte[]> verifyFirstWrite) : Stream
{
    private bool? _passThrough;

    public MemoryStream Held { get; } = new();
    public bool PassedThrough => _passThrough == true;

    private bool Decide(ReadOnlySpan<byte> first)
    {
        if (_passThrough is { } decided) return decided;
        _passThrough = context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;
        if (_passThrough == true) verifyFirstWrite(first.ToArray());
        return _passThrough.Value;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Decide(buffer.Span)) await original.WriteAsync(buffer, cancellationToken);
        else Held.Write(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Decide(buffer.AsSpan(offset, count))) original.Write(buffer, offset, count);
        else Held.Write(buffer, offset, count);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        PassedThrough ? original.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
        if (PassedThrough) original.Flush();
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) Held.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class OpenApiContractViolation(string message) : Exception(message);

internal sealed class ContractValidationStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ContractValidationMiddleware>();
        next(app);
    };
}
