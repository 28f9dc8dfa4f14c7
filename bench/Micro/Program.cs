using AppointEase.Bench.Micro;
using BenchmarkDotNet.Running;

// bench/run.sh runs every benchmark with the short in-process config below; pass BenchmarkDotNet arguments as usual
// (e.g. --filter *SlotGrid*) to run a subset by hand.
BenchmarkSwitcher.FromAssembly(typeof(FastConfig).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, new FastConfig());
