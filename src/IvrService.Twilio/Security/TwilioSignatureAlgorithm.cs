namespace IvrService.Twilio.Security;

/// <summary>
/// The HMAC behind <c>X-Twilio-Signature</c>. Twilio signs with the auth token and HMAC-SHA1 unless a Webhook Rule
/// of the account's Webhooks configuration names a SharedKey, whose Setting may name HMAC-SHA256; the request then
/// says which in <c>X-Twilio-Webhooks-Signature-Settings</c> (<see cref="TwilioSignatureSettings"/>).
/// </summary>
public enum TwilioSignatureAlgorithm
{
    /// <summary>HMAC-SHA1 (<c>HMAC_SHA1</c>): the auth-token scheme, and a SharedKey Setting's other choice.</summary>
    HmacSha1 = 0,

    /// <summary>HMAC-SHA256 (<c>HMAC_SHA256</c>): a 44-character Base64 signature.</summary>
    HmacSha256,
}
