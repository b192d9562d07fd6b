namespace IvrService.Twilio.Webhooks;

/// <summary>One attachment of an incoming MMS: <c>MediaUrl{N}</c> and <c>MediaContentType{N}</c>.</summary>
/// <param name="Index">N, from 0.</param>
/// <param name="Url">Where Twilio serves the media.</param>
/// <param name="ContentType">Its MIME type, or null if Twilio sent none.</param>
public sealed record SmsMedia(int Index, string Url, string? ContentType);
