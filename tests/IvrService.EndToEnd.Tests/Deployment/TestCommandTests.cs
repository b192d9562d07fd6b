using System.Text.RegularExpressions;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>
/// The README's test command must pass on a fresh machine with only the .NET SDK and Node: <c>test.sh</c> installs
/// every Debian tool a test requires, and CI runs that same script.
/// </summary>
public sealed partial class TestCommandTests
{
    [Fact]
    public void TestScript_InstallsEveryToolATestRequires()
    {
        var script = RepositoryFiles.Read("test.sh");
        var installed = ToolEntry().Matches(script).Select(m => m.Groups["command"].Value).ToHashSet(StringComparer.Ordinal);
        var required = Directory.EnumerateFiles(RepositoryFiles.PathOf("tests"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => RequireCall().Matches(File.ReadAllText(file)).Select(m => m.Groups["command"].Value))
            .Where(command => command != "bash") // the script itself runs in bash
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(required);
        Assert.Empty(required.Except(installed));
    }

    [Fact]
    public void TestScript_RunsTheWholeSolutionAndPassesArgumentsOn()
    {
        var script = RepositoryFiles.Read("test.sh");

        Assert.StartsWith("#!/usr/bin/env bash", script, StringComparison.Ordinal);
        Assert.Contains("exec dotnet test IvrService.sln \"$@\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void CiRun_CallsTheReadmeTestCommand()
    {
        var readme = RepositoryFiles.Read("README.md");
        var ci = RepositoryFiles.Read(".ci/run");

        Assert.Contains("```sh\n./test.sh\n```", readme, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^bash test\.sh ", RegexOptions.Multiline), ci);
        Assert.DoesNotMatch(new Regex(@"^dotnet test", RegexOptions.Multiline), ci);
    }

    [Fact]
    public void Readme_NamesEveryPackageTheScriptInstalls()
    {
        var script = RepositoryFiles.Read("test.sh");
        var readme = RepositoryFiles.Read("README.md");
        var packages = ToolEntry().Matches(script).Select(m => m.Groups["package"].Value).ToList();

        Assert.NotEmpty(packages);
        Assert.All(packages, package => Assert.Contains($"`{package}`", readme, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\s*""(?<command>[a-z0-9-]+):(?<package>[a-z0-9.+-]+)""", RegexOptions.Multiline)]
    private static partial Regex ToolEntry();

    [GeneratedRegex(@"ExternalTool\.Require\(""(?<command>[a-z0-9-]+)""")]
    private static partial Regex RequireCall();
}
