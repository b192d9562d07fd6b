using System.Diagnostics;
using System.Text.Json;

namespace IvrService.Testing;

/// <summary>
/// Runs a node script from <c>tests/node</c> once over a batch of cases: the input is written to a JSON file whose
/// path is the script's only argument, and the script prints one JSON document on stdout.
/// </summary>
public static class NodeOracle
{
    private static readonly JsonSerializerOptions InputOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Runs <paramref name="scriptPath"/> with <paramref name="input"/> serialised as camelCase JSON.</summary>
    /// <param name="scriptPath">Absolute, or relative to <c>tests/node</c> (e.g. <c>oracle/signature.js</c>).</param>
    /// <param name="input">Any serialisable object; the script reads it with <c>JSON.parse</c>.</param>
    /// <param name="timeout">How long the script may run; default two minutes.</param>
    /// <returns>The parsed stdout.</returns>
    /// <exception cref="InvalidOperationException">node is missing, the script fails or prints something other than JSON.</exception>
    public static async Task<JsonDocument> RunAsync(string scriptPath, object input, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(scriptPath);
        ArgumentNullException.ThrowIfNull(input);
        var script = Path.IsPathRooted(scriptPath) ? scriptPath : Path.Combine(RepoPaths.NodeTools, scriptPath);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Oracle script {script} does not exist.");
        }

        if (!Directory.Exists(Path.Combine(RepoPaths.NodeTools, "node_modules", "twilio")))
        {
            throw new InvalidOperationException(
                "tests/node/node_modules is missing: build tests/IvrService.Testing (it runs 'npm ci') or run 'npm ci' in tests/node.");
        }

        var inputFile = Path.Combine(Path.GetTempPath(), $"ivr-oracle-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(inputFile, JsonSerializer.Serialize(input, input.GetType(), InputOptions));
        try
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = RepoPaths.NodeTools,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(inputFile);

            using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"node {scriptPath} timed out.");
            }

            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {scriptPath} exited {process.ExitCode}: {await stderr}");
            }

            try
            {
                return JsonDocument.Parse(output);
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"node {scriptPath} printed no JSON: {output[..Math.Min(500, output.Length)]}", e);
            }
        }
        finally
        {
            File.Delete(inputFile);
        }
    }
}
