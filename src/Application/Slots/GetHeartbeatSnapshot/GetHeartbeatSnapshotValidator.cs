using FluentValidation;

namespace AppointEase.Application.Slots.GetHeartbeatSnapshot;

public sealed class GetHeartbeatSnapshotValidator : AbstractValidator<GetHeartbeatSnapshotQuery>
{
    public GetHeartbeatSnapshotValidator()
    {
        RuleFor(q => q.Date).ValidDate();
        RuleFor(q => q.EmployeeId).ValidEmployeeId();
        RuleFor(q => q.ClientId).ValidClientId();
        // A condition on the rule, not a When block: the block's shared condition cache cost every heartbeat two
        // dictionaries (decision 143).
        RuleFor(q => q.SelectedTime).ValidTime("selectedTime").When(q => q.SelectedTime is not null);
    }
}
