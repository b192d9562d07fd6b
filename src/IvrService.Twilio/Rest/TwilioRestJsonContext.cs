using System.Text.Json.Serialization;

namespace IvrService.Twilio.Rest;

/// <summary>Source-generated (AOT-safe) snake_case JSON for the REST resources. Unknown fields are ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(IncomingPhoneNumber))]
[JsonSerializable(typeof(IncomingPhoneNumberPage))]
[JsonSerializable(typeof(MessageResource))]
[JsonSerializable(typeof(MessagePage))]
[JsonSerializable(typeof(TwilioErrorBody))]
internal sealed partial class TwilioRestJsonContext : JsonSerializerContext;

/// <summary>Twilio's JSON error body: <c>{"code":20404,"message":"…","more_info":"…","status":404}</c>.</summary>
internal sealed record TwilioErrorBody
{
    public int? Code { get; init; }

    public string? Message { get; init; }

    public string? MoreInfo { get; init; }

    public int? Status { get; init; }
}

/// <summary>One page of Messages list: <c>{"messages":[…],"next_page_uri":"…","page":0,"page_size":50}</c>.</summary>
internal sealed record MessagePage
{
    public List<MessageResource>? Messages { get; init; }

    public string? NextPageUri { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}
