using AppointEase.Application.Common;
using AppointEase.Domain.Slots;
using FluentValidation;

namespace AppointEase.Application.Slots;

/// <summary>Format rules shared by the slot validators, with the JSON field names of the contract.</summary>
internal static class SlotRules
{
    public const string ClientIdMessage = "clientId must be 8–64 characters of A-Z, a-z, 0-9, _ and -.";

    public static void ValidDate<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.NotEmpty().WithMessage("date is required.")
            .Must(Formats.IsDate).WithMessage("date must be a real date in the form YYYY-MM-DD.").OverridePropertyName("date");

    public static IRuleBuilderOptions<T, string?> ValidTime<T>(this IRuleBuilderInitial<T, string?> rule, string field = "time") =>
        rule.NotEmpty().WithMessage($"{field} is required.")
            .Must(Formats.IsTime).WithMessage($"{field} must be a time in the form HH:mm.").OverridePropertyName(field);

    public static void ValidEmployeeId<T>(this IRuleBuilderInitial<T, int> rule) =>
        rule.GreaterThan(0).WithMessage("employeeId must be a positive id.").OverridePropertyName("employeeId");

    public static void ValidClientId<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Must(ClientId.IsValid).WithMessage(ClientIdMessage).OverridePropertyName("clientId");
}
