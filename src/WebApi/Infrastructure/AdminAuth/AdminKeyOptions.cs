using System.ComponentModel.DataAnnotations;

namespace AppointEase.WebApi.Infrastructure.AdminAuth;

/// <summary>
/// Admin API keys (section <c>Admin</c>). Only SHA-256 hashes are configured, never the keys, so neither the repository
/// nor a leaked configuration dump reveals a usable key. No keys configured = every admin request is 401.
/// </summary>
public sealed class AdminKeyOptions : IValidatableObject
{
    public const string Section = "Admin";

    public List<AdminApiKey> ApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Id) || key.Id.Length > 64)
                yield return new ValidationResult($"Admin:ApiKeys:{i}:Id must be 1–64 characters (it is written to the audit log).");
            if (!AdminKeyHash.IsHexSha256(key.KeyHash))
                yield return new ValidationResult($"Admin:ApiKeys:{i}:KeyHash must be the 64 hex digit SHA-256 of the key (see README.md, Production mode).");
        }
        foreach (var duplicate in ApiKeys.GroupBy(k => k.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return new ValidationResult($"Admin:ApiKeys has the id '{duplicate.Key}' more than once.");
    }
}

public sealed class AdminApiKey
{
    /// <summary>A name for the key (e.g. ops-1), recorded in the audit log; never secret.</summary>
    public string Id { get; set; } = "";

    /// <summary>Lower- or upper-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public string KeyHash { get; set; } = "";
}
