using System.Text.Json.Nodes;
using IvrService.Testing;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>
/// Builds TwiML documents with the official <c>twilio</c> npm library (tests/node/oracle/twiml.js) through the shared
/// <see cref="NodeOracle"/>: one node process for a whole batch of cases.
/// </summary>
internal static class NodeTwiMLOracle
{
    public static string NodeToolsDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IvrService.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "node");
                }
            }

            throw new InvalidOperationException("IvrService.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static IReadOnlyList<string> Render(JsonArray cases)
    {
        using var output = NodeOracle.RunAsync("oracle/twiml.js", cases, TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        return output.RootElement.GetProperty("results").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
    }
}
