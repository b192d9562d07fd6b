using IvrService.Hosting.Logging;
using Serilog;

Log.Logger = IvrLogging.CreateStartupLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddIvrServiceDefaults();
    builder.AddPrimaryIvr();

    var app = builder.Build();
    app.UseIvrServiceDefaults();
    app.UsePrimaryIvr();
    app.MapIvrServiceDefaults();
    app.MapControllers();

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "IvrService.Primary stopped: {Reason}", ex.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
