using FluentValidation;

namespace AppointEase.Application.Admin.Services;

public abstract class ServiceFieldsValidator<T> : AbstractValidator<T> where T : IServiceFields
{
    public const int MaxDurationMinutes = 24 * 60;
    public const int MaxBufferMinutes = 240;
    public const decimal MaxPrice = 99_999_999m;

    protected ServiceFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Domain.Catalogue.Service.MaxNameLength).OverridePropertyName("name");
        RuleFor(c => c.DurationMinutes).NotNull().InclusiveBetween(1, MaxDurationMinutes).OverridePropertyName("durationMinutes");
        RuleFor(c => c.Price).NotNull().InclusiveBetween(0m, MaxPrice).PrecisionScale(10, 2, ignoreTrailingZeros: true)
            .OverridePropertyName("price");
        RuleFor(c => c.BufferBeforeMinutes).InclusiveBetween(0, MaxBufferMinutes).OverridePropertyName("bufferBeforeMinutes");
        RuleFor(c => c.BufferAfterMinutes).InclusiveBetween(0, MaxBufferMinutes).OverridePropertyName("bufferAfterMinutes");
    }
}

public sealed class CreateServiceValidator : ServiceFieldsValidator<CreateServiceCommand>;

public sealed class UpdateServiceValidator : ServiceFieldsValidator<UpdateServiceCommand>;
