using System.Diagnostics.CodeAnalysis;

namespace AppointEase.Application.Common.Results;

/// <summary>Success or refusal of any <see cref="Result{T}"/>, for code that does not know <c>T</c> (the unit of work).</summary>
public interface IResultStatus
{
    bool IsSuccess { get; }
}

/// <summary>Either a value or an expected <see cref="Error"/>; exceptions stay for the unexpected.</summary>
public readonly record struct Result<T> : IResultStatus
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);
    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);
}

/// <summary>For commands with nothing to return on success.</summary>
public readonly record struct Done;
