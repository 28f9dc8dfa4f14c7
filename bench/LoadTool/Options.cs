using System.Globalization;

namespace AppointEase.Bench.LoadTool;

/// <summary>--name value pairs; every scenario is bounded by a client count, a duration and a request cap.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Options(IEnumerable<string> args)
    {
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal)) { key = arg[2..]; _values[key] = "true"; }
            else if (key is not null) { _values[key] = arg; key = null; }
        }
    }

    public string String(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The target must be this machine: the tool is a benchmark driver, not a load generator for others.</summary>
    public Uri LoopbackBase()
    {
        var uri = new Uri(String("base"));
        if (!uri.IsLoopback) throw new ArgumentException($"--base must be a loopback address, not {uri.Host}");
        return uri;
    }
}
