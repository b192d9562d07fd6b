using System.Text.RegularExpressions;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>
/// Static checks of the root Dockerfile (there is no Docker engine on the build machines): the stages the
/// compose file and the deploy templates name, the cached restore layer, non-root images with a health check, and
/// that every file it copies exists and survives .dockerignore.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly DockerfileModel Dockerfile = DockerfileModel.Parse(RepositoryFiles.Read("Dockerfile"));

    [Theory]
    [InlineData("build")]
    [InlineData("test")]
    [InlineData("primary")]
    [InlineData("fallback")]
    [InlineData("cli")]
    public void Stages_NamedTarget_Exists(string name) => Assert.NotNull(Dockerfile.Stage(name));

    [Fact]
    public void BuildStage_RunsOnBuildPlatform_WithSdk10()
    {
        var build = Dockerfile.Stage("build");

        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", build.BaseImage);
        Assert.Equal("$BUILDPLATFORM", build.FromInstruction.Flags.GetValueOrDefault("platform"));
    }

    [Fact]
    public void BuildStage_RestoreLayer_CopiesPropsAndEveryProjectBeforeRestoring()
    {
        var beforeRestore = InstructionsBeforeFirstRestore(Dockerfile.Stage("build"));
        var copied = CopiedPaths(beforeRestore);

        foreach (var required in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", "BannedSymbols.txt", ".editorconfig", "IvrService.sln", "tests/Directory.Build.props" })
        {
            Assert.Contains(required, copied);
        }

        var projects = RepositoryFiles.SolutionProjects();
        Assert.NotEmpty(projects);
        foreach (var project in projects)
        {
            Assert.True(copied.Contains(project), $"{project} is in IvrService.sln but not copied before `dotnet restore`: the restore layer would miss it.");
        }
    }

    [Fact]
    public void BuildStage_RestoreLayer_CopiesNoSourcesBeforeRestoring()
    {
        // A source file in the restore layer would invalidate the cached restore on every edit.
        var beforeRestore = InstructionsBeforeFirstRestore(Dockerfile.Stage("build"));
        var sources = CopiedPaths(beforeRestore).Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path is "src" or "tests" or ".");

        Assert.Empty(sources);
    }

    [Fact]
    public void TestStage_BuildsOnBuild_RunsDotnetTestWithNode()
    {
        var test = Dockerfile.Stage("test");

        Assert.Equal("build", test.BaseImage);
        Assert.Contains(test.All("RUN"), run => run.Arguments.Contains("dotnet test", StringComparison.Ordinal));
        Assert.Contains(test.All("COPY"), copy => copy.CopyParts().Destination == "/usr/local/bin/node");
        // The deployment tests themselves need these two inside the test image.
        Assert.Contains(test.All("RUN"), run => run.Arguments.Contains("docker-compose", StringComparison.Ordinal) && run.Arguments.Contains("yamllint", StringComparison.Ordinal));
        // The dev phone's browser test drives Debian's chromium.
        Assert.Contains(test.All("RUN"), run => run.Arguments.Contains("chromium", StringComparison.Ordinal));
    }

    [Fact]
    public void CliPublishStage_HasNode_SoTheDevPhoneEmbedsMermaid()
    {
        var publish = Dockerfile.Stage("publish-cli");

        Assert.Contains(publish.All("COPY"), copy => copy.CopyParts().Destination == "/usr/local/bin/node");
        Assert.Contains(publish.All("RUN"), run => run.Arguments.Contains("npm-cli.js /usr/local/bin/npm", StringComparison.Ordinal)
            && run.Arguments.Contains("dotnet publish src/IvrService.Cli", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("primary", "mcr.microsoft.com/dotnet/aspnet:10.0", "./IvrService.Primary")]
    [InlineData("fallback", "mcr.microsoft.com/dotnet/runtime-deps:10.0", "./IvrService.Fallback")]
    public void FinalStage_RunsNonRootOn8080_WithHealthCheckAndContent(string name, string baseImage, string entrypoint)
    {
        var stage = Dockerfile.Stage(name);

        Assert.Equal(baseImage, stage.BaseImage);
        Assert.Equal("8080", stage.Single("EXPOSE").Arguments);
        Assert.Equal("$APP_UID", stage.Single("USER").Arguments);
        Assert.Equal([entrypoint], stage.Single("ENTRYPOINT").Words());
        Assert.Contains(stage.All("COPY"), copy => copy.CopyParts().Sources.SequenceEqual(["content/"]));

        // The probe the HEALTHCHECK runs must be a file this stage puts on the image, executable.
        var probe = stage.Single("HEALTHCHECK").HealthCheckCommand()[0];
        var copiedProbe = stage.All("COPY").Select(copy => (copy, parts: copy.CopyParts()))
            .SingleOrDefault(c => c.parts.Destination == probe || c.parts.Destination == "/usr/local/bin/" + probe);
        Assert.True(copiedProbe.copy is not null, $"HEALTHCHECK runs '{probe}', which stage '{name}' never copies in.");
        Assert.Equal("0755", copiedProbe.copy.Flags.GetValueOrDefault("chmod"));
    }

    [Fact]
    public void FallbackStage_IsNativeAot_BuiltWithClangAndZlib()
    {
        var fallback = Dockerfile.Stage("fallback");
        var publishStageName = fallback.All("COPY").Select(c => c.Flags.GetValueOrDefault("from")).Single(from => from is not null)!;
        var publish = Dockerfile.Stage(publishStageName);

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", publish.BaseImage, StringComparison.Ordinal);
        Assert.Contains(publish.All("RUN"), run => Regex.IsMatch(run.Arguments, @"apt-get install .*\bclang\b") && run.Arguments.Contains("zlib1g-dev", StringComparison.Ordinal));
        var publishCommand = Assert.Single(publish.All("RUN"), run => run.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/IvrService.Fallback/IvrService.Fallback.csproj", publishCommand.Arguments, StringComparison.Ordinal);
        // PublishAot lives in the project file; the image relies on it.
        Assert.Contains("<PublishAot>true</PublishAot>", RepositoryFiles.Read("src/IvrService.Fallback/IvrService.Fallback.csproj"), StringComparison.Ordinal);
    }

    [Fact]
    public void FallbackPublishStage_RestoreLayer_CopiesEveryReferencedProject()
    {
        var fallback = Dockerfile.Stage("fallback");
        var publish = Dockerfile.Stage(fallback.All("COPY").Select(c => c.Flags.GetValueOrDefault("from")).Single(f => f is not null)!);
        var copied = CopiedPaths(InstructionsBeforeFirstRestore(publish));

        foreach (var project in RepositoryFiles.ProjectClosure("src/IvrService.Fallback/IvrService.Fallback.csproj"))
        {
            Assert.True(copied.Contains(project), $"The fallback references {project}, which its AOT stage does not copy before restoring.");
        }
    }

    [Fact]
    public void CopySources_FromBuildContext_ExistAndAreNotDockerIgnored()
    {
        var ignore = DockerIgnore.Parse(RepositoryFiles.Read(".dockerignore"));
        var problems = new List<string>();
        foreach (var copy in Dockerfile.Instructions.Where(i => i.Keyword is "COPY" or "ADD" && !i.Flags.ContainsKey("from")))
        {
            foreach (var source in copy.CopyParts().Sources)
            {
                var matches = Glob(source);
                if (matches.Count == 0)
                {
                    problems.Add($"line {copy.Line}: '{source}' matches nothing in the repository");
                }

                problems.AddRange(matches.Where(ignore.Excludes).Select(m => $"line {copy.Line}: '{m}' is excluded by .dockerignore"));
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void DockerIgnore_HostBuildOutputAndSecrets_Excluded()
    {
        var ignore = DockerIgnore.Parse(RepositoryFiles.Read(".dockerignore"));

        Assert.True(ignore.Excludes("src/IvrService.Primary/bin/Release/net10.0/x.dll"));
        Assert.True(ignore.Excludes("src/IvrService.Primary/obj/project.assets.json"));
        Assert.True(ignore.Excludes("tests/node/node_modules/twilio/package.json"));
        Assert.True(ignore.Excludes(".git/HEAD"));
        Assert.True(ignore.Excludes(".env"));
        Assert.False(ignore.Excludes("src/IvrService.Primary/Program.cs"));
        Assert.False(ignore.Excludes("content/flow.json"));
    }

    private static List<DockerInstruction> InstructionsBeforeFirstRestore(DockerStage stage)
    {
        var index = stage.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(index >= 0, $"Stage '{stage.Name}' never runs dotnet restore.");
        return stage.Instructions.Take(index).ToList();
    }

    /// <summary>Repository files each COPY source stands for (globs expanded, folders as their own path).</summary>
    private static HashSet<string> CopiedPaths(IEnumerable<DockerInstruction> instructions)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var copy in instructions.Where(i => i.Keyword == "COPY" && !i.Flags.ContainsKey("from")))
        {
            foreach (var source in copy.CopyParts().Sources)
            {
                paths.Add(source.TrimEnd('/'));
                paths.UnionWith(Glob(source));
            }
        }

        return paths;
    }

    /// <summary>Expands a COPY source the way Docker does for the patterns used here (* within one path segment).</summary>
    private static List<string> Glob(string source)
    {
        var trimmed = source.TrimEnd('/');
        if (trimmed is "." or "")
        {
            return ["."];
        }

        if (!trimmed.Contains('*', StringComparison.Ordinal))
        {
            var path = RepositoryFiles.PathOf(trimmed);
            return File.Exists(path) || Directory.Exists(path) ? [trimmed] : [];
        }

        var folder = Path.GetDirectoryName(trimmed)?.Replace('\\', '/') ?? string.Empty;
        var pattern = "^" + Regex.Escape(Path.GetFileName(trimmed)).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$";
        var directory = RepositoryFiles.PathOf(folder.Length == 0 ? "." : folder);
        return Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory)
                .Select(Path.GetFileName)
                .Where(name => Regex.IsMatch(name!, pattern))
                .Select(name => folder.Length == 0 ? name! : folder + "/" + name)
                .ToList()
            : [];
    }
}
