using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>
/// Builds TwiML documents with the official <c>twilio</c> npm library (tests/node, 6.2.0): one node process for a
/// whole batch. Each case is <c>{kind: "voice"|"messaging", verbs: [{name, attrs, text?, children?}]}</c>; verbs map to
/// the library's lower-camel methods (<c>say(attrs, text)</c>, <c>dial(attrs)</c>.<c>number(attrs, text)</c>, …).
/// Private to this project until the shared NodeOracle lands in IvrService.Testing.
/// </summary>
internal static class NodeTwiMLOracle
{
    private const string Script = """
        const fs = require('fs');
        const path = require('path');
        const [, , nodeDir, casesFile] = process.argv;
        const lib = path.join(nodeDir, 'node_modules', 'twilio', 'lib', 'twiml');
        const VoiceResponse = require(path.join(lib, 'VoiceResponse'));
        const MessagingResponse = require(path.join(lib, 'MessagingResponse'));
        function apply(parent, el) {
          const method = el.name.charAt(0).toLowerCase() + el.name.slice(1);
          if (typeof parent[method] !== 'function') throw new Error('twilio has no method ' + method);
          const attrs = el.attrs || {};
          const child = (el.text === undefined || el.text === null)
            ? parent[method](attrs)
            : parent[method](attrs, el.text);
          for (const c of el.children || []) apply(child, c);
        }
        const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
        const out = cases.map(c => {
          const r = c.kind === 'voice' ? new VoiceResponse() : new MessagingResponse();
          for (const v of c.verbs) apply(r, v);
          return r.toString();
        });
        process.stdout.write(JSON.stringify(out));
        """;

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
        var work = Directory.CreateTempSubdirectory("twiml-oracle-");
        try
        {
            var scriptPath = Path.Combine(work.FullName, "twiml-oracle.js");
            var casesPath = Path.Combine(work.FullName, "cases.json");
            File.WriteAllText(scriptPath, Script);
            File.WriteAllText(casesPath, cases.ToJsonString());

            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            start.ArgumentList.Add(scriptPath);
            start.ArgumentList.Add(NodeToolsDirectory);
            start.ArgumentList.Add(casesPath);

            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("node TwiML oracle did not finish in 60 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node TwiML oracle failed ({process.ExitCode}): {stderr.Result}");
            }

            return JsonSerializer.Deserialize<string[]>(stdout) ?? throw new InvalidOperationException("empty oracle output");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
