namespace AppointEase.Domain.Common;

public static class Guard
{
    public static string NotBlank(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainException($"{name} must not be empty.");
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
            throw new DomainException($"{name} must be at most {maxLength} characters.");
        return trimmed;
    }

    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new DomainException($"{name} must be positive.");

    public static int NotNegative(int value, string name) =>
        value >= 0 ? value : throw new DomainException($"{name} must not be negative.");
}
