using System.ComponentModel.DataAnnotations;

namespace AppointEase.Infrastructure.Options;

/// <summary>How mail leaves the app.</summary>
public enum EmailMode
{
    /// <summary>SMTP when <c>Email:Smtp:Host</c> is set; otherwise .eml files, which only Development/Testing accept.</summary>
    Auto,
    /// <summary>Always SMTP; <c>Email:Smtp:Host</c> is required.</summary>
    Smtp,
    /// <summary>Always .eml files in <see cref="EmailOptions.PickupDirectory"/> (an operator's explicit choice, e.g. a mail relay watching the folder).</summary>
    Pickup,
}

/// <summary>
/// Section <c>Email</c>. With <c>Smtp:Host</c> set mail goes over SMTP, otherwise into <see cref="PickupDirectory"/> as
/// .eml files. Outside Development/Testing a missing SMTP host stops start-up unless <see cref="Mode"/> is Pickup: mail
/// with manage-booking links must never pile up silently in the app folder.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Auto;

    public bool UsesPickupDirectory => Mode == EmailMode.Pickup || (Mode == EmailMode.Auto && string.IsNullOrWhiteSpace(Smtp.Host));

    [Required, EmailAddress]
    public string From { get; set; } = "bookings@appointease.local";

    [Required]
    public string FromName { get; set; } = "AppointEase";

    public string PickupDirectory { get; set; } = "App_Data/mail";

    /// <summary>Base of links in emails (manage booking), e.g. https://book.example.com.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;
}
