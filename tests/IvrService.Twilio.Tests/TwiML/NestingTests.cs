using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>The nesting rules live in the type system; these tests pin which types may go where.</summary>
public class NestingTests
{
    private static readonly Type[] Implementations = typeof(VoiceResponse).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITwiMLNode).IsAssignableFrom(t))
        .ToArray();

    [Fact]
    public void GatherChildren_AreExactlySayPlayPause() =>
        Assert.Equal(["Pause", "Play", "Say"], NamesOf<IGatherChild>());

    [Fact]
    public void DialNouns_AreExactlyNumberClientSip() =>
        Assert.Equal(["Client", "Number", "Sip"], NamesOf<IDialNoun>());

    [Fact]
    public void MessagingVerbs_AreExactlyMessageRedirect() =>
        Assert.Equal(["Message", "Redirect"], NamesOf<IMessagingVerb>());

    [Fact]
    public void VoiceVerbs_AreTheDocumentedSet() =>
        Assert.Equal(["Connect", "Dial", "Enqueue", "Gather", "Hangup", "Leave", "Pause", "Play", "Record", "Redirect", "Reject", "Say"], NamesOf<IVoiceVerb>());

    [Fact]
    public void NodeInterfaces_CannotBeImplementedOutsideTheLibrary()
    {
        // The write member is internal, so a foreign type cannot satisfy the interface and sneak into a <Gather>.
        var member = Assert.Single(typeof(ITwiMLNode).GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public));
        Assert.True(member.IsAssembly);
    }

    private static string[] NamesOf<T>() =>
        Implementations.Where(typeof(T).IsAssignableFrom).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
}
