using AppointEase.Bench.LoadTool;

// Usage: LoadTool <scenario> --base http://127.0.0.1:PORT [options]; prints one JSON line per measured operation.
// Scenarios: lock-release, confirm, confirm-floor (MariaDB only, --connection), busy-morning, failover, race, streams (SSE fan-out and memory). Every run is bounded by --clients, --seconds and caps.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: LoadTool lock-release|confirm|confirm-floor|busy-morning|failover|race|streams --base http://127.0.0.1:PORT [--clients N] [--seconds S]");
    return 2;
}

var options = new Options(args.Skip(1));
var baseUri = options.LoopbackBase();
var lines = args[0] switch
{
    "lock-release" => await LockReleaseScenario.RunAsync(baseUri, options),
    "confirm" => await ConfirmScenario.RunAsync(baseUri, options),
    "busy-morning" => await BusyMorningScenario.RunAsync(baseUri, options),
    "failover" => await FailoverScenario.RunAsync(baseUri, options),
    "race" => await RaceScenario.RunAsync(baseUri, options),
    "streams" => await StreamsScenario.RunAsync(baseUri, options),
    "confirm-floor" => await ConfirmFloorScenario.RunAsync(options),
    _ => throw new ArgumentException($"unknown scenario {args[0]}"),
};
foreach (var line in lines) Console.WriteLine(line);
return 0;
