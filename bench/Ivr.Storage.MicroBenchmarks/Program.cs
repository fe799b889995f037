using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Ivr.Storage.MicroBenchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
