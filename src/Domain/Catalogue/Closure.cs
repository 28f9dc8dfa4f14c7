using AppointEase.Domain.Common;

namespace AppointEase.Domain.Catalogue;

/// <summary>A whole day the business is closed (public holiday, inventory day).</summary>
public sealed class Closure : Entity
{
    public const int MaxReasonLength = 200;

    private Closure() { Reason = ""; }

    public Closure(DateOnly date, string reason)
    {
        Date = date;
        Reason = Guard.NotBlank(reason, nameof(Reason), MaxReasonLength);
    }

    public DateOnly Date { get; private set; }
    public string Reason { get; private set; }
}
