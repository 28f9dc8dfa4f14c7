using FluentValidation;

namespace AppointEase.Application.Slots.GetHeartbeatSnapshot;

public sealed class GetHeartbeatSnapshotValidator : AbstractValidator<GetHeartbeatSnapshotQuery>
{
    public GetHeartbeatSnapshotValidator()
    {
        RuleFor(q => q.Date).ValidDate();
        RuleFor(q => q.EmployeeId).ValidEmployeeId();
        RuleFor(q => q.ClientId).ValidClientId();
        When(q => q.SelectedTime is not null, () => RuleFor(q => q.SelectedTime).ValidTime("selectedTime"));
    }
}
