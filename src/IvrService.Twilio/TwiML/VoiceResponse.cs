namespace IvrService.Twilio.TwiML;

/// <summary>
/// A voice TwiML document. Append verbs in the order Twilio should run them:
/// <code>
/// var twiml = new VoiceResponse()
///     .Append(new Gather { Action = "/voice/menu", NumDigits = 1 }.Play(promptUrl))
///     .Redirect("/voice");
/// </code>
/// </summary>
public sealed class VoiceResponse : TwiMLResponse
{
    private readonly List<IVoiceVerb> _verbs = [];

    /// <summary>The verbs, in order.</summary>
    public IReadOnlyList<IVoiceVerb> Verbs => _verbs;

    /// <inheritdoc />
    public override bool IsEmpty => _verbs.Count == 0;

    /// <summary>Adds a verb.</summary>
    public VoiceResponse Append(IVoiceVerb verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        _verbs.Add(verb);
        return this;
    }

    /// <summary>Adds a <c>&lt;Say&gt;</c>.</summary>
    public VoiceResponse Say(string text, string? voice = null, string? language = null, int? loop = null) =>
        Append(new Say(text) { Voice = voice, Language = language, Loop = loop });

    /// <summary>Adds a <c>&lt;Play&gt;</c>.</summary>
    public VoiceResponse Play(string url, int? loop = null) => Append(new Play(url) { Loop = loop });

    /// <summary>Adds a <c>&lt;Pause&gt;</c>.</summary>
    public VoiceResponse Pause(int? length = null) => Append(new Pause { Length = length });

    /// <summary>Adds a <c>&lt;Redirect&gt;</c>.</summary>
    public VoiceResponse Redirect(string url, TwilioHttpMethod? method = null) =>
        Append(new Redirect(url) { Method = method });

    /// <summary>Adds a <c>&lt;Hangup&gt;</c>.</summary>
    public VoiceResponse Hangup() => Append(new Hangup());

    /// <summary>Adds a <c>&lt;Reject&gt;</c>.</summary>
    public VoiceResponse Reject(RejectReason? reason = null) => Append(new Reject { Reason = reason });

    /// <summary>Adds a <c>&lt;Leave&gt;</c>.</summary>
    public VoiceResponse Leave() => Append(new Leave());

    private protected override void WriteChildren(TwiMLWriter writer)
    {
        foreach (var verb in _verbs)
        {
            verb.WriteTo(writer);
        }
    }
}
