using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using FluentValidation;

namespace AppointEase.Application.Appointments;

/// <summary>What a customer's details must look like; shared by every command that takes them.</summary>
public static class CustomerRules
{
    public static bool IsPlausiblePhone(string? phone) =>
        string.IsNullOrWhiteSpace(phone) || (phone.Trim().Length <= Appointment.MaxPhoneLength && phone.Trim().Count(char.IsAsciiDigit) >= 3
            && phone.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.' or '/'));

    /// <summary>Names are one line: control characters (newlines included) would only break emails and calendars.</summary>
    public static bool HasNoControlCharacters(string? text) => text is null || !text.Any(char.IsControl);

    /// <summary>
    /// A name goes out in the business's own booking mail, to whatever address was typed: names are bounded
    /// (<see cref="MaxNameLength"/>) and may not carry a link (<c>://</c>, <c>www.</c>, a host name such as
    /// <c>evil.example</c>) or an address (<c>@</c>), so the mail cannot carry a phishing link to someone else.
    /// </summary>
    public static bool IsNameWithoutLinks(string? name) =>
        name is null || (name.Trim() is var trimmed && trimmed.Length <= MaxNameLength && !trimmed.Contains('@') && !LinkLike.IsMatch(trimmed));

    /// <summary>Enough for the longest real names (and far below what a phishing paragraph needs).</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// Linear-time engine on at most <see cref="MaxNameLength"/> characters, so no match timeout: a wall-clock timeout
    /// (it was 100 ms) fired on a valid name whenever the process was descheduled that long, and the booking answered
    /// 5xx (the reliability suite's race on a loaded 2-core machine, decision 095).
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex LinkLike = new(
        @"://|www\.|[\p{L}\p{N}-]{2,}\.[\p{L}]{2,}",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant
            | System.Text.RegularExpressions.RegexOptions.NonBacktracking);

    /// <summary>Free text may span lines but carries no other control characters.</summary>
    public static bool IsCleanMultiline(string? text) => text is null || !text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("An email address is required.")
            .Must(EmailAddress.IsValid).WithMessage("This is not a valid email address.");
}
