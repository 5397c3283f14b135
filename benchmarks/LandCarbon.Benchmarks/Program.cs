using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project benchmarks/LandCarbon.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
