namespace AppointEase.WebApi.Infrastructure.AdminAuth;

public static class AdminKeyDefaults
{
    /// <summary>Authentication scheme name; the jobs dashboard authenticates with it by this exact name.</summary>
    public const string Scheme = "AdminKey";

    /// <summary>Authorization policy for every admin endpoint and the jobs dashboard.</summary>
    public const string Policy = "Admin";

    public const string HeaderName = "X-Admin-Key";
}
