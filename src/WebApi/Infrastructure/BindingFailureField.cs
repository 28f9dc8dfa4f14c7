using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Finds the request field that minimal-API binding could not read, from the structure of the failure rather than its
/// message: a <see cref="JsonException"/> carries the JSON path; otherwise the endpoint's handler parameters are checked
/// against the request (a route, query or header value that is missing or does not parse as the parameter's type).
/// "body" when the body as a whole is at fault (not JSON, wrong Content-Type, empty, too large).
/// </summary>
internal static class BindingFailureField
{
    public const string Body = "body";

    public static string Find(HttpContext context, BadHttpRequestException exception)
    {
        if (exception.StatusCode is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType) return Body;
        if (FindJsonException(exception) is { } json) return FromJsonPath(json.Path);
        return FindUnparsableParameter(context) ?? Body;
    }

    public static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
            if (e is JsonException json) return json;
        return null;
    }

    /// <summary>"$.customer.name" → "customer.name", "$.days[0].opens" → "days[0].opens", "$" → "body" (camelCase, as validation names fields).</summary>
    public static string FromJsonPath(string? path)
    {
        var trimmed = path is null ? "" : path.TrimStart('$').TrimStart('.');
        if (trimmed.Length == 0 || trimmed[0] == '[') return Body;
        // System.Text.Json writes names it cannot print plainly as ['name']; keep them readable.
        trimmed = trimmed.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return string.Join('.', trimmed.Split('.').Select(s => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..] : s));
    }

    /// <summary>The first handler parameter whose route, query or header value is missing (when required) or does not parse.</summary>
    public static string? FindUnparsableParameter(HttpContext context)
    {
        // The exception handler runs after the endpoint and route values were cleared; the feature keeps them.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        // The binding metadata both binders attach (the Request Delegate Generator's code, decision 139, and the
        // runtime factory); the generated endpoints carry no MethodInfo.
        var bindings = (failed?.Endpoint ?? context.GetEndpoint())?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>();
        if (bindings is null) return null;
        var routeValues = failed?.RouteValues ?? context.Request.RouteValues;
        foreach (var parameter in bindings.Select(b => b.ParameterInfo))
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (!IsParsable(type)) continue;
            var (name, raw) = Value(context.Request, routeValues, parameter);
            var optional = parameter.HasDefaultValue || Nullable.GetUnderlyingType(parameter.ParameterType) is not null || !type.IsValueType;
            if (string.IsNullOrEmpty(raw))
            {
                if (!optional) return name;
                continue;
            }
            if (!TryParse(type, raw)) return name;
        }
        return null;
    }

    private static (string Name, string? Raw) Value(HttpRequest request, RouteValueDictionary routeValues, ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<FromHeaderAttribute>() is { } header)
        {
            var headerName = header.Name ?? parameter.Name!;
            return (headerName, request.Headers.TryGetValue(headerName, out var values) ? values.ToString() : null);
        }
        var name = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.GetCustomAttribute<FromRouteAttribute>()?.Name ?? parameter.Name!;
        if (parameter.GetCustomAttribute<FromQueryAttribute>() is null && routeValues.TryGetValue(name, out var route))
            return (name, route?.ToString());
        return (name, request.Query.TryGetValue(name, out var query) ? query.ToString() : null);
    }

    private static bool IsParsable(Type type) =>
        type != typeof(string) && (type.IsPrimitive || type.IsEnum || ParseMethod(type) is not null);

    private static bool TryParse(Type type, string raw)
    {
        if (type.IsEnum) return Enum.TryParse(type, raw, ignoreCase: true, out _);
        var parse = ParseMethod(type)!;
        object?[] arguments = [raw, CultureInfo.InvariantCulture, null];
        return (bool)parse.Invoke(null, arguments)!;
    }

    /// <summary>The static TryParse(string, IFormatProvider, out T) every IParsable type has (int, long, DateOnly, Guid …).</summary>
    private static MethodInfo? ParseMethod(Type type) =>
        type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
}
