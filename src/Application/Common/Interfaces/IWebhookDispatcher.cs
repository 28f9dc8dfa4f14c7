namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Starts sending committed webhook deliveries now (a background job each). Best effort: a delivery the dispatcher
/// could not start is picked up by the every-minute sweep, because the delivery row, not the job, is the source of truth.
/// </summary>
public interface IWebhookDispatcher
{
    void Dispatch(IReadOnlyCollection<int> deliveryIds);
}
