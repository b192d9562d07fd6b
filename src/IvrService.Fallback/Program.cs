using IvrService.Hosting.Logging;
using Serilog;

Log.Logger = IvrLogging.CreateStartupLogger();
try
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.AddIvrServiceDefaults();
    builder.AddFallback();

    var app = builder.Build();
    app.UseIvrServiceDefaults();
    app.UseFallback();
    app.MapIvrServiceDefaults();
    app.MapFallback();

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "IvrService.Fallback stopped: {Reason}", ex.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
