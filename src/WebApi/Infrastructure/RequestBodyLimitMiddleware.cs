using Microsoft.AspNetCore.Http.Features;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Rejects bodies over the limit up front when Content-Length says so, and caps chunked bodies on any server
/// (Kestrel enforces its own limit, the test server does not).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > DependencyInjection.MaxRequestBodyBytes)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = DependencyInjection.MaxRequestBodyBytes;
        return next(context);
    }
}
