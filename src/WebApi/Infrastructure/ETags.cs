using System.Globalization;
using AppointEase.Application.Admin.Common;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>Weak ETags W/"&lt;version&gt;" from an entity's integer concurrency token, and If-Match back to a version.</summary>
internal static class ETags
{
    public static string For(int version) => string.Create(CultureInfo.InvariantCulture, $"W/\"{version}\"");

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = For(version);

    /// <summary>Null when If-Match is absent; <see cref="Precondition.Unparsable"/> for a value we never issued (it won't match).</summary>
    public static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) return null;
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
               && int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : Precondition.Unparsable;
    }

    /// <summary>If-None-Match names this ETag (weak comparison) or is *: the client's copy is current, answer 304.</summary>
    public static bool NoneMatchHits(StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0) return false;
        var current = new EntityTagHeaderValue(etag);
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
               && tags.Any(t => t.Tag == "*" || t.Compare(current, useStrongComparison: false));
    }
}
