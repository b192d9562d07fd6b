namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>Every YAML file in the repo (compose, CloudFormation, Cloud Run, Kubernetes) lints clean with the root .yamllint.</summary>
public sealed class YamlLintTests
{
    [Fact]
    public async Task Repository_AllYaml_LintsCleanInStrictMode()
    {
        var yamllint = ExternalTool.Require("yamllint", "Debian: apt-get install yamllint");

        var result = await ExternalTool.RunAsync(yamllint, ["--strict", "--format", "parsable", "."]);

        Assert.True(result.ExitCode == 0, "yamllint found problems:\n" + result.StandardOutput + result.StandardError);
    }

    [Fact]
    public async Task YamlLint_BrokenFile_IsReported()
    {
        // Guards the test above against a config that silently ignores everything.
        var yamllint = ExternalTool.Require("yamllint", "Debian: apt-get install yamllint");
        var folder = Directory.CreateTempSubdirectory("ivr-yamllint-");
        try
        {
            var broken = Path.Combine(folder.FullName, "broken.yaml");
            await File.WriteAllTextAsync(broken, "key: value\nkey: duplicate\nlist:\n- a\n  - b\n");

            var result = await ExternalTool.RunAsync(yamllint, ["--strict", "-c", RepositoryFiles.PathOf(".yamllint"), broken]);

            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
