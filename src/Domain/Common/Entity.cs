namespace AppointEase.Domain.Common;

/// <summary>Base for aggregates persisted with a database-generated integer key.</summary>
public abstract class Entity
{
    public int Id { get; protected set; }
}
