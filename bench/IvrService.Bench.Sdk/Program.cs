using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using IvrService.Bench.Sdk;
// Usage: dotnet run -c Release --project bench/IvrService.Bench.Sdk [-- --filter '*Signature*']
// A short job (3 warm-up, 15 measured iterations) keeps a full run near two minutes on the 2-core machines.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(15))
    .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.P95)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromTypes([typeof(SignatureCheck), typeof(MenuTwiML)]).Run(args, config);

