using System.Globalization;
using System.Text.Json;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Usage: IvrService.Bench.AllocProfile <trace.nettrace> <requests during the trace>
//
// The runtime samples allocations (an AllocationTick event, with its stack, about every 100 KB allocated). Each sample
// is charged to the first frame, from the allocating call outwards, that belongs to a known component, so an
// allocation inside the framework's form reader counts as form parsing even when the signature check called it.
// Prints a markdown table of bytes per request by component, then one JSON line for bench/bench.py.
if (args.Length != 2 || !long.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var requests) || requests <= 0)
{
    Console.Error.WriteLine("usage: IvrService.Bench.AllocProfile <trace.nettrace> <requests during the trace>");
    return 2;
}

(string Component, string[] Markers)[] components =
[
    ("TwiML writer", ["IvrService.Twilio.TwiML."]),
    ("signature check", ["IvrService.Twilio.Security.", "TwilioRequestValidator", "ValidateTwilioRequestAttribute", "TwilioPublicUrlResolver"]),
    ("webhook models", ["IvrService.Twilio.Webhooks."]),
    ("flow engine", ["IvrService.Flow."]),
    ("steps to TwiML", ["IvrService.Hosting.Twiml."]),
    ("prompt URLs", ["IvrService.Audio."]),
    ("logging", ["Serilog", "IvrService.Hosting.Logging.", "EnrichFromTwilioForm"]),
    ("controllers", ["IvrService.Primary."]),
    ("form parsing (ASP.NET Core)", ["Microsoft.AspNetCore.WebUtilities.", "Microsoft.AspNetCore.Http.Features.FormFeature"]),
    ("MVC", ["Microsoft.AspNetCore.Mvc."]),
    ("hosting (request context, Activity)", ["Microsoft.AspNetCore.Hosting.", "System.Diagnostics.Activity"]),
    ("Kestrel", ["Microsoft.AspNetCore.Server.Kestrel."]),
];

var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
long total = 0;
var etlx = TraceLog.CreateFromEventPipeDataFile(args[0]);
using (var log = new TraceLog(etlx))
{
    var source = log.Events.GetSource();
    source.Clr.GCAllocationTick += (GCAllocationTickTraceData sample) =>
    {
        string? component = null;
        for (var frame = sample.CallStack(); frame is not null && component is null; frame = frame.Caller)
        {
            // The method's own name only: its parameter list names other components' types.
            var name = frame.CodeAddress.FullMethodName;
            var parameters = name?.IndexOf('(', StringComparison.Ordinal) ?? -1;
            name = parameters >= 0 ? name![..parameters] : name;
            if (!string.IsNullOrEmpty(name))
            {
                component = components.FirstOrDefault(c => c.Markers.Any(m => name.Contains(m, StringComparison.Ordinal))).Component;
            }
        }

        component ??= "other";

        bytes[component] = bytes.GetValueOrDefault(component) + sample.AllocationAmount64;
        total += sample.AllocationAmount64;
    };
    source.Process();
}

File.Delete(etlx);
Console.WriteLine("| allocated by | bytes per request | share |");
Console.WriteLine("|---|---:|---:|");
foreach (var (component, amount) in bytes.OrderByDescending(b => b.Value))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {component} | {amount / (double)requests:N0} | {100.0 * amount / total:F0} % |"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **total** | **{total / (double)requests:N0}** | |"));
Console.WriteLine("ALLOC_JSON " + JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["bytesPerRequest"] = total / (double)requests,
    ["byComponent"] = bytes.ToDictionary(b => b.Key, b => b.Value / (double)requests),
}));
return 0;
