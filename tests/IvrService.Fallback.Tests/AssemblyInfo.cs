// The apps log through Serilog's static logger (AddSerilog without preserveStaticLogger), so hosts running in
// parallel would write into each other's in-memory sinks; log assertions need one host at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
