namespace IvrService.Twilio.TwiML;

/// <summary>
/// An element the TwiML writer can emit. Only this library can implement it (the member is internal), which is how
/// the nesting rules stay enforced by the types.
/// </summary>
public interface ITwiMLNode
{
    internal void WriteTo(TwiMLWriter writer);
}

/// <summary>A verb allowed directly under a voice <c>&lt;Response&gt;</c>.</summary>
public interface IVoiceVerb : ITwiMLNode;

/// <summary>A verb allowed inside <c>&lt;Gather&gt;</c>: only <see cref="Say"/>, <see cref="Play"/> and <see cref="Pause"/>.</summary>
public interface IGatherChild : ITwiMLNode;

/// <summary>A noun allowed inside <c>&lt;Dial&gt;</c>: <see cref="Number"/>, <see cref="Client"/>, <see cref="Sip"/>.</summary>
public interface IDialNoun : ITwiMLNode;

/// <summary>A verb allowed directly under a messaging <c>&lt;Response&gt;</c>.</summary>
public interface IMessagingVerb : ITwiMLNode;
