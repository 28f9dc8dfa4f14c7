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
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var problems = OpenApiResponseContract.Instance.Check(operation, context.Response.StatusCode, headers, context.Response.ContentType, buffer.ToArray());
        if (problems.Count > 0)
            throw new OpenApiContractViolation(
                $"{context.Request.Method} {context.Request.Path} → {context.Response.StatusCode} does not match the OpenAPI document " +
                $"(src/WebApi/ClientApp/openapi.json):\n  " + string.Join("\n  ", problems));
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
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
