using System.Text.Json;

namespace AppointEase.WebApi.IntegrationTests.Hostile;

/// <summary>
/// What every answer to a hostile request must be. 5xx never. 4xx always application/problem+json; a bad-input status
/// (400, 413, 415, 422) names the field in its errors map. A request the app cannot read (wrong JSON type, overflow, broken
/// JSON, wrong Content-Type, too large) gets exactly the expected status naming exactly that field. A success only for a safe
/// method carrying odd values alone.
/// </summary>
public static class HostileOracle
{
    /// <summary>The expected field of broken JSON: the app names where the parser stopped (a JSON path), whatever it is.</summary>
    public const string AnyField = "*";

    private static readonly int[] BadInputStatuses = [400, 413, 415, 422];
    private static readonly string[] Leaks = ["   at ", "Exception", "Microsoft.", "System.", "SELECT ", "INSERT ", "MySql", "SQLite"];

    /// <summary>Null when the answer is right; otherwise why it is wrong.</summary>
    public static string? Judge(HostileRequest request, int status, string? mediaType, string body)
    {
        if (status >= 500) return $"{status} server error";
        var unreadable = request.Mutations.FirstOrDefault(m => m.Strictness == Strictness.Unreadable);
        var mustRefuse = request.Mutations.Any(m => m.Strictness != Strictness.Odd);
        if (status < 400)
            return mustRefuse || !request.Operation.IsSafe ? $"{status}: accepted a request it must refuse" : null;
        if (mediaType != "application/problem+json") return $"{status} is not application/problem+json but {mediaType ?? "(no content type)"}";

        JsonElement problem;
        try { problem = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return $"{status}: problem body is not JSON"; }
        if (!problem.TryGetProperty("status", out var statusMember) || statusMember.GetInt32() != status) return $"{status}: problem status member missing or different";
        if (Leaks.FirstOrDefault(leak => body.Contains(leak, StringComparison.Ordinal)) is { } found) return $"{status}: problem leaks internals ({found})";

        var named = NamedFields(problem);
        if (unreadable is { ExpectedStatus: { } expected } && status != expected && !AuthRefusal(request, status))
            return $"{status}, expected {expected} for an unreadable request";
        // Another mutation of the same request may be unreadable too (null in an int array): naming that field is right.
        if (unreadable is not null && status == unreadable.ExpectedStatus && !named.Contains(unreadable.Field) && !(unreadable.Field == AnyField && named.Count > 0)
            && !request.Mutations.Any(m => named.Any(n => n == m.Field || n.StartsWith(m.Field + "[", StringComparison.Ordinal) || n.StartsWith(m.Field + ".", StringComparison.Ordinal))))
            return $"{status} does not name '{unreadable.Field}' (names: {string.Join(", ", named)})";
        if (BadInputStatuses.Contains(status) && named.Count == 0) return $"{status} names no field";
        return null;
    }

    /// <summary>A garbage credential is refused before the body is read; that is the right answer too.</summary>
    private static bool AuthRefusal(HostileRequest request, int status) =>
        status is 401 or 403 && request.Mutations.Any(m => m.Field == "Authorization" || m.Field == request.Operation.SecurityHeader);

    /// <summary>The keys of <c>errors</c>; the convention of every validation problem the app writes.</summary>
    public static IReadOnlySet<string> NamedFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(e => e.Name).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
}
