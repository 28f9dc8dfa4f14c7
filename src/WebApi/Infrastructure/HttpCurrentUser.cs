using System.Security.Claims;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>Reads the caller from the authenticated principal; auth handlers put these claims there.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public const string CustomerEmailClaim = "customer_email";
    public const string AdminKeyIdClaim = "admin_key_id";
    public const string AdminRole = "admin";

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public string? CustomerEmail => User?.FindFirstValue(CustomerEmailClaim);
    public bool IsAdmin => User?.IsInRole(AdminRole) == true;
    public string? AdminKeyId => IsAdmin ? User?.FindFirstValue(AdminKeyIdClaim) : null;
}
