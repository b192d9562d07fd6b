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

    [Fact]
    public async Task TestScript_RootWithToolsMissing_InstallsThemWithAptGetThenPassesDotnetTestsExitCodeOn()
    {
        using var machine = FreshMachine.Create(uid: 0);

        var result = await machine.RunTestScriptAsync("--filter", "FullyQualifiedName~Deployment", "--", "RunConfiguration.TreatNoTestsAsError=false");

        Assert.True(result.ExitCode == FreshMachine.DotnetExitCode, result.Describe());
        var apt = machine.Calls("apt-get");
        Assert.Equal(2, apt.Count);
        Assert.EndsWith(" update", apt[0], StringComparison.Ordinal);
        Assert.Contains(" install -y ", apt[1], StringComparison.Ordinal);
        Assert.All(ScriptPackages(), package => Assert.Contains(" " + package, apt[1], StringComparison.Ordinal));
        Assert.Equal(["test IvrService.sln --filter FullyQualifiedName~Deployment -- RunConfiguration.TreatNoTestsAsError=false"], machine.Calls("dotnet"));
    }

    [Fact]
    public async Task TestScript_NotRootWithToolsMissing_PrintsTheAptGetLineAndStillRunsTheSuite()
    {
        using var machine = FreshMachine.Create(uid: 1000);

        var result = await machine.RunTestScriptAsync();

        Assert.True(result.ExitCode == FreshMachine.DotnetExitCode, result.Describe());
        Assert.Empty(machine.Calls("apt-get"));
        var line = Assert.Single(result.StandardError.Split('\n'), l => l.Contains("sudo apt-get update && sudo apt-get install -y", StringComparison.Ordinal));
        Assert.All(ScriptPackages(), package => Assert.Contains(" " + package, line, StringComparison.Ordinal));
        Assert.Equal(["test IvrService.sln"], machine.Calls("dotnet"));
    }

    [Fact]
    public void DockerfileTestStage_InstallsEveryPackageTheScriptInstalls()
    {
        // The image's test stage runs dotnet test itself, after an apt layer that stays cached across source changes.
        var runs = DockerfileModel.Parse(RepositoryFiles.Read("Dockerfile")).Stage("test").All("RUN").Select(r => r.Arguments).ToList();
        var install = Assert.Single(runs, r => r.Contains("apt-get install", StringComparison.Ordinal));

        Assert.All(ScriptPackages(), package => Assert.Matches($@"\s{Regex.Escape(package)}(\s|$)", install));
    }

    private static List<string> ScriptPackages() =>
        [.. ToolEntry().Matches(RepositoryFiles.Read("test.sh")).Select(m => m.Groups["package"].Value)];

    /// <summary>
    /// A PATH with none of the Debian tools on it, where <c>id</c> reports the given user, and <c>apt-get</c> and
    /// <c>dotnet</c> are stand-ins that record their arguments (dotnet exits with <see cref="DotnetExitCode"/>).
    /// </summary>
    private sealed class FreshMachine : IDisposable
    {
        public const int DotnetExitCode = 3;

        private readonly DirectoryInfo _bin;

        private FreshMachine(DirectoryInfo bin) => _bin = bin;

        public static FreshMachine Create(int uid)
        {
            var machine = new FreshMachine(Directory.CreateTempSubdirectory("ivr-test-sh-"));
            machine.Script("id", $"echo {uid}");
            machine.Script("apt-get", "echo \"$*\" >> \"$0.calls\"");
            machine.Script("dotnet", $"echo \"$*\" >> \"$0.calls\"; exit {DotnetExitCode}");
            // The one coreutil the script uses (to find the repository root); Find, not Require: not a tool to install.
            var dirname = ExternalTool.Find("dirname");
            Assert.NotNull(dirname);
            File.CreateSymbolicLink(Path.Combine(machine._bin.FullName, "dirname"), dirname);
            return machine;
        }

        public Task<ExternalTool.Result> RunTestScriptAsync(params string[] arguments) =>
            ExternalTool.RunAsync(
                ExternalTool.Require("bash", "Debian: apt-get install bash"),
                [RepositoryFiles.PathOf("test.sh"), .. arguments],
                new Dictionary<string, string?> { ["PATH"] = _bin.FullName });

        public List<string> Calls(string command)
        {
            var log = Path.Combine(_bin.FullName, command + ".calls");
            return File.Exists(log) ? [.. File.ReadAllLines(log)] : [];
        }

        public void Dispose() => _bin.Delete(recursive: true);

        private void Script(string name, string body)
        {
            var path = Path.Combine(_bin.FullName, name);
            File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    [GeneratedRegex(@"^\s*""(?<command>[a-z0-9-]+):(?<package>[a-z0-9.+-]+)""", RegexOptions.Multiline)]
    private static partial Regex ToolEntry();

    [GeneratedRegex(@"ExternalTool\.Require\(""(?<command>[a-z0-9-]+)""")]
    private static partial Regex RequireCall();
}
