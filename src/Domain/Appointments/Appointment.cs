using AppointEase.Domain.Common;

namespace AppointEase.Domain.Appointments;

/// <summary>A confirmed (or later cancelled) booking. Times are stored in UTC; the business time zone renders them.</summary>
public sealed class Appointment : Entity
{
    public const int MaxNameLength = 200;
    public const int MaxPhoneLength = 40;
    public const int MaxNotesLength = 2000;
    public const string DefaultLocale = "en";
    /// <summary>Languages the customer can choose for their emails (and the widget offers).</summary>
    public static readonly IReadOnlyList<string> Locales = ["en", "de", "es"];

    private readonly List<RescheduleRecord> _history = [];

    private Appointment()
    {
        Reference = CustomerName = CustomerEmail = ManageTokenHash = "";
        Locale = DefaultLocale;
    }

    public Appointment(string reference, int serviceId, int employeeId, DateTime startUtc, DateTime endUtc,
        string customerName, EmailAddress customerEmail, string? customerPhone, string? notes, string manageTokenHash,
        DateTime createdUtc, string? locale = null)
    {
        if (endUtc <= startUtc) throw new DomainException("An appointment must end after it starts.");
        Reference = reference;
        ServiceId = serviceId;
        EmployeeId = employeeId;
        StartUtc = startUtc;
        EndUtc = endUtc;
        CustomerName = Guard.NotBlank(customerName, nameof(CustomerName), MaxNameLength);
        CustomerEmail = customerEmail.Value;
        CustomerPhone = string.IsNullOrWhiteSpace(customerPhone) ? null : customerPhone.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        ManageTokenHash = manageTokenHash;
        CreatedUtc = createdUtc;
        Status = AppointmentStatus.Confirmed;
        if (locale is not null && !Locales.Contains(locale)) throw new DomainException($"Locale must be one of {string.Join(", ", Locales)}.");
        Locale = locale ?? DefaultLocale;
    }

    public string Reference { get; private set; }
    public int ServiceId { get; private set; }
    public int EmployeeId { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public string CustomerName { get; private set; }
    public string CustomerEmail { get; private set; }
    public string? CustomerPhone { get; private set; }
    public string? Notes { get; private set; }
    public AppointmentStatus Status { get; private set; }
    /// <summary>The customer's language for emails and calendar text (en, de, es).</summary>
    public string Locale { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? CancelledUtc { get; private set; }
    /// <summary>Bumped on every change so calendar files (SEQUENCE) and caches can tell versions apart.</summary>
    public int Sequence { get; private set; }
    /// <summary>Hash of the secret in the customer's manage link; the secret itself is never stored.</summary>
    public string ManageTokenHash { get; private set; }
    public IReadOnlyList<RescheduleRecord> History => _history;

    public bool IsCancelled => Status == AppointmentStatus.Cancelled;

    /// <summary>Replaces the manage-link secret (after a reschedule by staff or a session, whose new email needs a fresh link).</summary>
    public void ReplaceManageTokenHash(string manageTokenHash) =>
        ManageTokenHash = Guard.NotBlank(manageTokenHash, nameof(ManageTokenHash), 64);

    public void Cancel(DateTime nowUtc)
    {
        if (Status == AppointmentStatus.Cancelled) return;
        Status = AppointmentStatus.Cancelled;
        CancelledUtc = nowUtc;
        Sequence++;
    }

    public void Reschedule(int employeeId, DateTime startUtc, DateTime endUtc, DateTime nowUtc)
    {
        if (Status == AppointmentStatus.Cancelled) throw new DomainException("A cancelled appointment cannot be moved.");
        if (endUtc <= startUtc) throw new DomainException("An appointment must end after it starts.");
        _history.Add(new RescheduleRecord(StartUtc, startUtc, EmployeeId, nowUtc));
        EmployeeId = employeeId;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Sequence++;
    }
}
