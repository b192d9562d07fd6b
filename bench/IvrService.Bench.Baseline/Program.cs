using System.Text;

// No routing, no logging, no form parsing, no signature check: the fastest a TwiML answer can be on this
// machine. The body is the size of the primary's welcome-and-menu answer so the bytes on the wire compare.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Configuration.AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5070");

var app = builder.Build();
var twiml = Encoding.UTF8.GetBytes(
    """<?xml version="1.0" encoding="UTF-8"?><Response><Play>http://127.0.0.1:5080/audio/en-US/welcome.wav</Play><Gather input="dtmf" action="http://127.0.0.1:5080/voice/continue?n=main&amp;l=en-US" method="POST" timeout="5" numDigits="1" actionOnEmptyResult="true"><Play>http://127.0.0.1:5080/audio/en-US/main-menu.wav</Play></Gather></Response>""");
app.Run(async context =>
{
    context.Response.ContentType = "application/xml; charset=utf-8";
    context.Response.ContentLength = twiml.Length;
    await context.Response.Body.WriteAsync(twiml);
});
await app.RunAsync();
