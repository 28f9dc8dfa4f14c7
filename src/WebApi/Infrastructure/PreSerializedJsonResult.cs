using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// A 200 whose JSON body is already serialized, for an endpoint that needs the bytes before it answers (the heartbeat
/// hashes them into its ETag) and must not serialize twice. Documents <typeparamref name="T"/> as the 200 body in
/// OpenAPI exactly as <c>Ok&lt;T&gt;</c> does.
/// </summary>
public sealed class PreSerializedJsonResult<T> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private readonly ReadOnlyMemory<byte> _utf8Json;

    internal PreSerializedJsonResult(ReadOnlyMemory<byte> utf8Json) => _utf8Json = utf8Json;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = _utf8Json.Length;
        return response.Body.WriteAsync(_utf8Json, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
