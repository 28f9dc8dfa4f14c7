namespace AppointEase.Application.Common.Interfaces;

/// <summary>What a SQL or Redis failure means for the caller; decided once, by exception type and error code.</summary>
public enum DataFault
{
    /// <summary>Not a data-store fault this classification knows (a bug, bad SQL, a script error): let it surface.</summary>
    Other,

    /// <summary>A unique key refused the write: the expected outcome of a lost race (one booking per slot).</summary>
    UniqueViolation,

    /// <summary>Chosen as a deadlock victim or a lock wait timed out: nothing was written, running it again is the remedy.</summary>
    Deadlock,

    /// <summary>The server answered but asks to try again (busy, too many connections): retry shortly.</summary>
    Transient,

    /// <summary>The store cannot be reached (refused, reset, timed out, frozen): fail fast, answer 503 / fail over.</summary>
    Unavailable,
}
