namespace AppointEase.Domain.Common;

/// <summary>A domain rule was broken by a caller that should have validated first: a programming error, not user input.</summary>
public sealed class DomainException(string message) : Exception(message);
