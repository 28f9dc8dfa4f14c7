using AppointEase.Domain.Common;

namespace AppointEase.Domain.Catalogue;

/// <summary>Something a customer can book. Buffers keep time free around it for set-up and clean-up.</summary>
public sealed class Service : Entity
{
    public const int MaxNameLength = 120;

    private Service() { Name = ""; }

    public Service(string name, int durationMinutes, decimal price, int bufferBeforeMinutes = 0, int bufferAfterMinutes = 0)
    {
        Name = "";
        Update(name, durationMinutes, price, bufferBeforeMinutes, bufferAfterMinutes);
        IsActive = true;
    }

    public string Name { get; private set; }
    public int DurationMinutes { get; private set; }
    public decimal Price { get; private set; }
    public int BufferBeforeMinutes { get; private set; }
    public int BufferAfterMinutes { get; private set; }
    public bool IsActive { get; private set; }
    /// <summary>Concurrency token: bumped on every change so admins editing at once cannot overwrite each other (ETag).</summary>
    public int Version { get; private set; }

    public void Update(string name, int durationMinutes, decimal price, int bufferBeforeMinutes, int bufferAfterMinutes)
    {
        Name = Guard.NotBlank(name, nameof(Name), MaxNameLength);
        DurationMinutes = Guard.Positive(durationMinutes, nameof(DurationMinutes));
        if (price < 0) throw new DomainException("Price must not be negative.");
        Price = price;
        BufferBeforeMinutes = Guard.NotNegative(bufferBeforeMinutes, nameof(BufferBeforeMinutes));
        BufferAfterMinutes = Guard.NotNegative(bufferAfterMinutes, nameof(BufferAfterMinutes));
        Version++;
    }

    public void Deactivate() => SetActive(false);
    public void Activate() => SetActive(true);

    private void SetActive(bool active)
    {
        if (IsActive == active) return;
        IsActive = active;
        Version++;
    }
}
