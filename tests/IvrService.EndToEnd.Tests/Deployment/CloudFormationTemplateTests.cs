using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>
/// deploy/aws/primary.yaml parsed with its short-form tags (!Ref, !Sub, !GetAtt, ...): every reference resolves,
/// every parameter is used, and the pieces the runbook promises are there and wired to each other.
/// </summary>
public sealed class CloudFormationTemplateTests
{
    private const string TemplatePath = "deploy/aws/primary.yaml";

    private static readonly YamlMappingNode Template = YamlNodes.LoadMapping(RepositoryFiles.Read(TemplatePath));

    private static readonly string[] PseudoParameters =
        ["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];

    private static YamlMappingNode Resources => Template.Map("Resources");

    [Fact]
    public void References_AllResolveToParametersResourcesOrConditions()
    {
        var names = Template.Map("Parameters").Keys().Concat(Resources.Keys()).Concat(PseudoParameters).ToHashSet(StringComparer.Ordinal);
        var conditions = Template.Map("Conditions").Keys().ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var node in Template.Descendants())
        {
            var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
            switch (tag)
            {
                case "!Ref" when !names.Contains(node.Text()):
                    problems.Add($"line {node.Start.Line}: !Ref {node.Text()} is not defined");
                    break;
                case "!GetAtt" when !Resources.Keys().Contains(node.Text().Split('.')[0]):
                    problems.Add($"line {node.Start.Line}: !GetAtt {node.Text()} names no resource");
                    break;
                case "!Sub":
                    var text = node is YamlScalarNode scalar ? scalar.Value! : ((YamlSequenceNode)node).Children[0].Text();
                    foreach (Match variable in Regex.Matches(text, @"\$\{(?!!)([^}.]+)(?:\.[^}]+)?\}"))
                    {
                        if (!names.Contains(variable.Groups[1].Value))
                        {
                            problems.Add($"line {node.Start.Line}: !Sub uses ${{{variable.Groups[1].Value}}}, which is not defined");
                        }
                    }

                    break;
                case "!If" when !conditions.Contains(((YamlSequenceNode)node).Children[0].Text()):
                    problems.Add($"line {node.Start.Line}: !If on an unknown condition");
                    break;
            }
        }

        foreach (var resource in Resources.Keys())
        {
            var condition = Resources.Map(resource).TextOrNull("Condition");
            if (condition is not null && !conditions.Contains(condition))
            {
                problems.Add($"{resource}: unknown Condition {condition}");
            }

            var dependsOn = Resources.Map(resource).TextOrNull("DependsOn");
            if (dependsOn is not null && !Resources.Keys().Contains(dependsOn))
            {
                problems.Add($"{resource}: DependsOn {dependsOn} is not a resource");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Parameters_EveryOneIsUsed()
    {
        var text = RepositoryFiles.Read(TemplatePath);
        var resourcesText = text[text.IndexOf("\nRules:", StringComparison.Ordinal)..];

        var unused = Template.Map("Parameters").Keys()
            .Where(p => !Regex.IsMatch(resourcesText, $@"(!Ref\s+{p}\b|\$\{{{p}\}})"))
            .ToList();

        Assert.True(unused.Count == 0, "Unused parameters: " + string.Join(", ", unused));
    }

    [Fact]
    public void Region_RuleInsistsOnUsEast1()
    {
        var rule = Assert.IsType<YamlMappingNode>(Assert.Single(Template.Map("Rules").Children.Values));
        var assertion = Assert.IsType<YamlSequenceNode>(rule.Seq("Assertions").Children[0].Get("Assert"));

        Assert.Equal("!Equals", assertion.Tag.Value);
        var operands = assertion.Children;
        Assert.Equal("AWS::Region", operands[0].Text());
        Assert.Equal("us-east-1", operands[1].Text());
    }

    [Fact]
    public void Service_IsFargateBehindTheTargetGroup()
    {
        var service = ResourceOfType("AWS::ECS::Service").Map("Properties");

        Assert.Equal("FARGATE", service.Text("LaunchType"));
        var loadBalancer = Assert.Single(service.Seq("LoadBalancers").Children);
        Assert.Equal("TargetGroup", loadBalancer.Text("TargetGroupArn"));
        Assert.Equal("8080", loadBalancer.Text("ContainerPort"));
    }

    [Fact]
    public void Listener_Https_UsesTheCertificateParameter()
    {
        var https = ResourcesOfType("AWS::ElasticLoadBalancingV2::Listener")
            .Select(r => r.Map("Properties"))
            .Single(p => p.Text("Protocol") == "HTTPS");

        Assert.Equal("443", https.Text("Port"));
        Assert.Equal("CertificateArn", Assert.Single(https.Seq("Certificates").Children).Text("CertificateArn"));
        Assert.Equal("String", Template.Map("Parameters").Map("CertificateArn").Text("Type"));
    }

    [Fact]
    public void TargetGroup_HealthChecksHealthzOn8080()
    {
        var targetGroup = ResourceOfType("AWS::ElasticLoadBalancingV2::TargetGroup").Map("Properties");

        Assert.Equal("/healthz", targetGroup.Text("HealthCheckPath"));
        Assert.Equal("8080", targetGroup.Text("Port"));
        Assert.Equal("ip", targetGroup.Text("TargetType"));
    }

    [Fact]
    public void Container_GetsTokenFromSecretAndPublicUrlOverride()
    {
        var container = Assert.Single(ResourceOfType("AWS::ECS::TaskDefinition").Map("Properties").Seq("ContainerDefinitions").Children);

        var secret = container.Seq("Secrets").Children[0];
        Assert.Equal("Twilio__AuthToken", secret.Text("Name"));
        Assert.Equal("TwilioAuthTokenSecretArn", secret.Text("ValueFrom"));

        var environment = container.Seq("Environment").Children.ToDictionary(e => e.Text("Name"), e => e.Get("Value")!);
        Assert.Equal("https://${DomainName}", environment["Twilio__RequestValidation__BaseUrlOverride"].Text());
        Assert.Equal("!Sub", environment["Twilio__RequestValidation__BaseUrlOverride"].Tag.Value);
        Assert.Equal("AudioBucket", environment["Audio__Bucket"].Text());
        Assert.DoesNotContain("Twilio__AuthToken", environment.Keys);
        Assert.Equal("awslogs", container.Map("LogConfiguration").Text("LogDriver"));
        Assert.Equal("LogGroup", container.Map("LogConfiguration").Map("Options").Text("awslogs-group"));
    }

    [Fact]
    public void Container_StateRedis_FromItsSecretOnlyWhenTheParameterIsSet()
    {
        var container = Assert.Single(ResourceOfType("AWS::ECS::TaskDefinition").Map("Properties").Seq("ContainerDefinitions").Children);
        var secrets = container.Seq("Secrets").Children;

        Assert.Equal(2, secrets.Count);
        var conditional = Assert.IsType<YamlSequenceNode>(secrets[1]);
        Assert.Equal("!If", conditional.Tag.Value);
        Assert.Equal("HasStateRedis", conditional.Children[0].Text());
        Assert.Equal(("State__Redis", "StateRedisSecretArn"), (conditional.Children[1].Text("Name"), conditional.Children[1].Text("ValueFrom")));
        Assert.Equal("AWS::NoValue", conditional.Children[2].Text());
        Assert.Equal("!Ref", conditional.Children[2].Tag.Value);
        // Never a plain environment variable: the string carries the AUTH password.
        Assert.DoesNotContain(container.Seq("Environment").Children, e => e.Text("Name").StartsWith("State__", StringComparison.Ordinal));
        var condition = Assert.IsType<YamlSequenceNode>(Template.Map("Conditions").Get("HasStateRedis"));
        Assert.Equal("!Not", condition.Tag.Value);
        Assert.Equal(["StateRedisSecretArn", ""], Assert.IsType<YamlSequenceNode>(Assert.Single(condition.Children)).Children.Select(n => n.Text()));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:ivrservice/state-redis-AbCdEf", true)]
    [InlineData("master.ivr.abc123.use1.cache.amazonaws.com:6379,ssl=true,password=secret", false)]
    public void StateRedisSecretArn_EmptyOrASecretArn_NeverThePlainString(string value, bool allowed)
    {
        var parameter = Template.Map("Parameters").Map("StateRedisSecretArn");

        Assert.Equal("", parameter.Text("Default"));
        Assert.Equal(allowed, Regex.IsMatch(value, parameter.Text("AllowedPattern")));
    }

    [Fact]
    public void ExecutionRole_MayReadTheStateRedisSecretWhenSet()
    {
        var statement = Assert.Single(Resources.Map("ExecutionRole").Map("Properties").Seq("Policies").Children).Map("PolicyDocument").Seq("Statement").Children.Single();
        var resources = statement.Seq("Resource").Children;

        Assert.Equal("secretsmanager:GetSecretValue", statement.Text("Action"));
        Assert.Equal("TwilioAuthTokenSecretArn", resources[0].Text());
        var conditional = Assert.IsType<YamlSequenceNode>(resources[1]);
        Assert.Equal(["HasStateRedis", "StateRedisSecretArn", "AWS::NoValue"], conditional.Children.Select(n => n.Text()));
    }

    [Fact]
    public void StateRedisIngress_AdmitsTheTasksOnTheRedisPort()
    {
        var ingress = Resources.Map("StateRedisIngress");
        var properties = ingress.Map("Properties");

        Assert.Equal("AWS::EC2::SecurityGroupIngress", ingress.Text("Type"));
        Assert.Equal("HasStateRedisSecurityGroup", ingress.Text("Condition"));
        Assert.Equal("StateRedisSecurityGroupId", properties.Text("GroupId"));
        Assert.Equal("ServiceSecurityGroup", properties.Text("SourceSecurityGroupId"));
        Assert.Equal(("StateRedisPort", "StateRedisPort"), (properties.Text("FromPort"), properties.Text("ToPort")));
        Assert.Equal("6379", Template.Map("Parameters").Map("StateRedisPort").Text("Default"));
    }

    [Fact]
    public void TaskRole_MayReadPromptsOnly()
    {
        var statements = Resources.Map("TaskRole").Map("Properties").Seq("Policies").Children
            .SelectMany(p => p.Map("PolicyDocument").Seq("Statement").Children).ToList();

        var actions = statements.Select(s => s.Text("Action")).ToList();
        Assert.Contains("s3:GetObject", actions);
        Assert.DoesNotContain(actions, a => a.StartsWith("s3:Put", StringComparison.Ordinal) || a.StartsWith("s3:Delete", StringComparison.Ordinal) || a == "s3:*");
        Assert.Equal("TaskRole.Arn", ResourceOfType("AWS::ECS::TaskDefinition").Map("Properties").Text("TaskRoleArn"));
    }

    [Fact]
    public void Bucket_PublicReadOnlyUnderThePromptsPrefix()
    {
        var statement = ResourceOfType("AWS::S3::BucketPolicy").Map("Properties").Map("PolicyDocument").Seq("Statement").Children
            .Single(s => s.Text("Effect") == "Allow");

        Assert.Equal("*", statement.Text("Principal"));
        Assert.Equal("s3:GetObject", statement.Text("Action"));
        Assert.Equal("${AudioBucket.Arn}/${AudioPrefix}*", statement.Text("Resource"));
        var block = ResourceOfType("AWS::S3::Bucket").Map("Properties").Map("PublicAccessBlockConfiguration");
        Assert.Equal("true", block.Text("BlockPublicAcls"));
    }

    [Fact]
    public void Autoscaling_TracksCpuAndRequestCount()
    {
        var metrics = ResourcesOfType("AWS::ApplicationAutoScaling::ScalingPolicy")
            .Select(p => p.Map("Properties").Map("TargetTrackingScalingPolicyConfiguration").Map("PredefinedMetricSpecification").Text("PredefinedMetricType"))
            .ToList();

        Assert.Contains("ECSServiceAverageCPUUtilization", metrics);
        Assert.Contains("ALBRequestCountPerTarget", metrics);
        Assert.Equal("ecs:service:DesiredCount", ResourceOfType("AWS::ApplicationAutoScaling::ScalableTarget").Map("Properties").Text("ScalableDimension"));
    }

    [Fact]
    public void LogGroup_HasRetention()
    {
        Assert.Equal("LogRetentionDays", ResourceOfType("AWS::Logs::LogGroup").Map("Properties").Text("RetentionInDays"));
    }

    private static IEnumerable<YamlMappingNode> ResourcesOfType(string type) =>
        Resources.Children.Values.Cast<YamlMappingNode>().Where(r => r.Text("Type") == type);

    private static YamlMappingNode ResourceOfType(string type)
    {
        var found = ResourcesOfType(type).ToList();
        Assert.True(found.Count == 1, $"Expected one {type}, found {found.Count}.");
        return found[0];
    }
}
