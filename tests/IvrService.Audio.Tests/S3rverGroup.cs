using IvrService.Testing;

namespace IvrService.Audio.Tests;

/// <summary>One s3rver (an xunit collection) for every S3 test class in this assembly; each test uses its own bucket.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverGroup : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
