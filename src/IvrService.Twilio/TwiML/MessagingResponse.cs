namespace IvrService.Twilio.TwiML;

/// <summary>A messaging TwiML document. Without a <see cref="TwiML.Message"/> no reply is sent.</summary>
public sealed class MessagingResponse : TwiMLResponse
{
    private readonly List<IMessagingVerb> _verbs = [];

    /// <summary>The verbs, in order.</summary>
    public IReadOnlyList<IMessagingVerb> Verbs => _verbs;

    /// <inheritdoc />
    public override bool IsEmpty => _verbs.Count == 0;

    /// <summary>Adds a verb.</summary>
    public MessagingResponse Append(IMessagingVerb verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        _verbs.Add(verb);
        return this;
    }

    /// <summary>Adds a plain-text <c>&lt;Message&gt;</c> reply.</summary>
    public MessagingResponse Message(string text) => Append(new Message(text));

    /// <summary>Adds a <c>&lt;Redirect&gt;</c>.</summary>
    public MessagingResponse Redirect(string url, TwilioHttpMethod? method = null) =>
        Append(new Redirect(url) { Method = method });

    private protected override void WriteChildren(TwiMLWriter writer)
    {
        foreach (var verb in _verbs)
        {
            verb.WriteTo(writer);
        }
    }
}
