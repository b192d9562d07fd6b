namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Pause&gt;</c>: silence.</summary>
public sealed class Pause : IVoiceVerb, IGatherChild
{
    /// <summary>A pause of Twilio's default length.</summary>
    public Pause()
    {
    }

    /// <summary>A pause of <paramref name="length"/> seconds.</summary>
    public Pause(int length) => Length = length;

    /// <summary><c>length</c> in seconds.</summary>
    public int? Length { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Pause");
        writer.Attribute("length", Length);
        writer.EndElement();
    }
}
