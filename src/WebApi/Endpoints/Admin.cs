using AppointEase.Application.Common.Results;
using AppointEase.WebApi.Infrastructure;
using AppointEase.WebApi.Infrastructure.AdminAuth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

/// <summary>The admin API under /api/v1/admin: every endpoint requires the Admin policy (X-Admin-Key).</summary>
public static class Admin
{
    public static void MapAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(AdminKeyDefaults.Policy);
        admin.MapAdminServiceEndpoints();
        admin.MapAdminEmployeeEndpoints();
        admin.MapAdminClosureEndpoints();
        admin.MapAdminSettingsEndpoints();
        admin.MapAdminBusinessHoursEndpoints();
        admin.MapAdminAppointmentEndpoints();
        admin.MapAdminAuditEndpoints();
        admin.MapAdminWebhookEndpoints();
        admin.MapAdminCalendarFeedEndpoints();
    }

    /// <summary>200 with the resource and its ETag, or the error as a problem.</summary>
    internal static Results<Ok<T>, ProblemHttpResult> WithETag<T>(this Result<T> result, HttpResponse response, Func<T, int> version)
    {
        if (!result.IsSuccess) return result.Error.ToProblem();
        ETags.Set(response, version(result.Value));
        return TypedResults.Ok(result.Value);
    }

    /// <summary>201 with Location and ETag, or the error as a problem.</summary>
    internal static Results<Created<T>, ProblemHttpResult> CreatedWithETag<T>(this Result<T> result, HttpResponse response,
        Func<T, string> location, Func<T, int>? version = null)
    {
        if (!result.IsSuccess) return result.Error.ToProblem();
        if (version is not null) ETags.Set(response, version(result.Value));
        return TypedResults.Created(location(result.Value), result.Value);
    }
}
