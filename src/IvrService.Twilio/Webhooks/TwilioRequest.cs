using Microsoft.AspNetCore.Http;

namespace IvrService.Twilio.Webhooks;

/// <summary>
/// Parameters every Twilio webhook shares. Each property is the raw string Twilio sent, named exactly like the
/// parameter; absent or empty parameters are null. Typed views (<c>…Value</c> properties) return null when a value is
/// absent or unparseable, so an odd value never fails a request, and unknown parameters are ignored.
/// </summary>
public abstract class TwilioRequest
{
    private IFormCollection? _form;
    private Dictionary<string, string?>? _parameters;

    /// <summary><c>AccountSid</c> (AC…).</summary>
    public string? AccountSid { get; set; }

    /// <summary><c>From</c>: E.164 number, <c>client:name</c> or SIP URI.</summary>
    public string? From { get; set; }

    /// <summary><c>To</c>.</summary>
    public string? To { get; set; }

    /// <summary><c>ApiVersion</c> (<c>2010-04-01</c>).</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>FromCity</c>.</summary>
    public string? FromCity { get; set; }

    /// <summary><c>FromState</c>.</summary>
    public string? FromState { get; set; }

    /// <summary><c>FromZip</c>.</summary>
    public string? FromZip { get; set; }

    /// <summary><c>FromCountry</c>.</summary>
    public string? FromCountry { get; set; }

    /// <summary><c>ToCity</c>.</summary>
    public string? ToCity { get; set; }

    /// <summary><c>ToState</c>.</summary>
    public string? ToState { get; set; }

    /// <summary><c>ToZip</c>.</summary>
    public string? ToZip { get; set; }

    /// <summary><c>ToCountry</c>.</summary>
    public string? ToCountry { get; set; }

    /// <summary>
    /// Every parameter received, by its exact name (the first value of a repeated name), including those the model
    /// has no property for. Empty for a model not read from a request.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Parameters => _parameters ??= ToDictionary(_form);

    /// <summary>Fills the properties from the received parameters; derived models read their own on top.</summary>
    private protected virtual void Read(IFormCollection form)
    {
        AccountSid = WebhookValues.Get(form, "AccountSid");
        From = WebhookValues.Get(form, "From");
        To = WebhookValues.Get(form, "To");
        ApiVersion = WebhookValues.Get(form, "ApiVersion");
        FromCity = WebhookValues.Get(form, "FromCity");
        FromState = WebhookValues.Get(form, "FromState");
        FromZip = WebhookValues.Get(form, "FromZip");
        FromCountry = WebhookValues.Get(form, "FromCountry");
        ToCity = WebhookValues.Get(form, "ToCity");
        ToState = WebhookValues.Get(form, "ToState");
        ToZip = WebhookValues.Get(form, "ToZip");
        ToCountry = WebhookValues.Get(form, "ToCountry");
    }

    private protected static T Create<T>(IFormCollection form)
        where T : TwilioRequest, new()
    {
        ArgumentNullException.ThrowIfNull(form);
        var request = new T();
        ((TwilioRequest)request)._form = form;
        request.Read(form);
        return request;
    }

    /// <summary>The body of every model's <c>BindAsync</c>: the webhook's parameters, or null for an unreadable form.</summary>
    private protected static async ValueTask<T?> BindAsync<T>(HttpContext context)
        where T : TwilioRequest, new()
    {
        ArgumentNullException.ThrowIfNull(context);
        var form = await WebhookForms.ReadAsync(context, typeof(T).Name).ConfigureAwait(false);
        return form is null ? null : Create<T>(form);
    }

    private static Dictionary<string, string?> ToDictionary(IFormCollection? form)
    {
        var parameters = new Dictionary<string, string?>(form?.Count ?? 0, StringComparer.Ordinal);
        if (form is not null)
        {
            foreach (var (name, values) in form)
            {
                parameters[name] = values.Count == 0 ? null : values[0];
            }
        }

        return parameters;
    }
}
