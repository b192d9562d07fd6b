using System.Globalization;
using System.Text;
using System.Text.Json;
using IvrService.Twilio;
using IvrService.Twilio.Rest;

namespace IvrService.Cli.Commands.Number;

/// <summary>A number's webhook configuration as the <c>number</c> subcommands print it: aligned lines, or one JSON document.</summary>
internal static class NumberDescription
{
    /// <summary>The number as it would be after <paramref name="update"/> (the dry run's "would set").</summary>
    internal static IncomingPhoneNumber Preview(IncomingPhoneNumber number, IncomingPhoneNumberUpdate update) => number with
    {
        VoiceUrl = update.VoiceUrl ?? number.VoiceUrl,
        VoiceMethod = update.VoiceMethod?.ToWireString() ?? number.VoiceMethod,
        VoiceFallbackUrl = update.VoiceFallbackUrl ?? number.VoiceFallbackUrl,
        VoiceFallbackMethod = update.VoiceFallbackMethod?.ToWireString() ?? number.VoiceFallbackMethod,
        StatusCallback = update.StatusCallback ?? number.StatusCallback,
        StatusCallbackMethod = update.StatusCallbackMethod?.ToWireString() ?? number.StatusCallbackMethod,
        SmsUrl = update.SmsUrl ?? number.SmsUrl,
        SmsMethod = update.SmsMethod?.ToWireString() ?? number.SmsMethod,
        SmsFallbackUrl = update.SmsFallbackUrl ?? number.SmsFallbackUrl,
        SmsFallbackMethod = update.SmsFallbackMethod?.ToWireString() ?? number.SmsFallbackMethod,
        VoiceApplicationSid = update.VoiceApplicationSid ?? number.VoiceApplicationSid,
        SmsApplicationSid = update.SmsApplicationSid ?? number.SmsApplicationSid,
    };

    internal static string Describe(IncomingPhoneNumber number)
    {
        var text = new StringBuilder();
        void Line(string name, string? value) => text.Append("  ").Append(name.PadRight(22)).AppendLine(string.IsNullOrEmpty(value) ? "-" : value);

        Line("friendly name", number.FriendlyName);
        Line("voice url", Method(number.VoiceMethod, number.VoiceUrl));
        Line("  overrides", OverridesText(number.VoiceUrl));
        Line("voice fallback url", Method(number.VoiceFallbackMethod, number.VoiceFallbackUrl));
        Line("  overrides", OverridesText(number.VoiceFallbackUrl));
        Line("status callback", Method(number.StatusCallbackMethod, number.StatusCallback));
        Line("sms url", Method(number.SmsMethod, number.SmsUrl));
        Line("sms fallback url", Method(number.SmsFallbackMethod, number.SmsFallbackUrl));
        if (!string.IsNullOrEmpty(number.VoiceApplicationSid))
        {
            Line("voice application", number.VoiceApplicationSid + " (Twilio ignores the voice URLs)");
        }

        if (!string.IsNullOrEmpty(number.SmsApplicationSid))
        {
            Line("sms application", number.SmsApplicationSid + " (Twilio ignores the SMS URLs)");
        }

        if (!string.IsNullOrEmpty(number.TrunkSid))
        {
            Line("trunk", number.TrunkSid + " (Twilio ignores the voice URLs)");
        }

        return text.ToString();

        static string? Method(string? method, string? url) => string.IsNullOrEmpty(url) ? null : $"{method ?? "POST"} {url}";
    }

    private static string? OverridesText(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        if (!url.Contains('#', StringComparison.Ordinal))
        {
            return "none (Twilio's defaults: ct=5000 rt=15000 tt=15000 rc=1)";
        }

        if (!ConnectionOverrides.TryParse(url, out var overrides, out var problem))
        {
            return "invalid: " + problem;
        }

        var parts = new List<string>();
        if (overrides.ConnectTimeoutMs is { } ct)
        {
            parts.Add($"connect {Ms(ct)}");
        }

        if (overrides.ReadTimeoutMs is { } rt)
        {
            parts.Add($"read {Ms(rt)}");
        }

        if (overrides.TotalTimeoutMs is { } tt)
        {
            parts.Add($"total {Ms(tt)}");
        }

        if (overrides.RetryCount is { } rc)
        {
            parts.Add($"retries {rc.ToString(CultureInfo.InvariantCulture)}");
        }

        if (overrides.RetryPolicy.Count > 0)
        {
            parts.Add("retry on " + string.Join(',', overrides.RetryPolicy));
        }

        if (overrides.Edges.Count > 0)
        {
            parts.Add("edges " + string.Join(',', overrides.Edges));
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);

        static string Ms(int ms) => ms.ToString(CultureInfo.InvariantCulture) + " ms";
    }

    internal static string ToJson(IncomingPhoneNumber number)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("sid", number.Sid);
            json.WriteString("phone_number", number.PhoneNumber);
            json.WriteString("friendly_name", number.FriendlyName);
            json.WriteString("voice_url", number.VoiceUrl);
            json.WriteString("voice_method", number.VoiceMethod);
            WriteOverrides(json, "voice_url_overrides", number.VoiceUrl);
            json.WriteString("voice_fallback_url", number.VoiceFallbackUrl);
            json.WriteString("voice_fallback_method", number.VoiceFallbackMethod);
            WriteOverrides(json, "voice_fallback_url_overrides", number.VoiceFallbackUrl);
            json.WriteString("status_callback", number.StatusCallback);
            json.WriteString("status_callback_method", number.StatusCallbackMethod);
            json.WriteString("sms_url", number.SmsUrl);
            json.WriteString("sms_method", number.SmsMethod);
            json.WriteString("sms_fallback_url", number.SmsFallbackUrl);
            json.WriteString("sms_fallback_method", number.SmsFallbackMethod);
            json.WriteString("voice_application_sid", number.VoiceApplicationSid);
            json.WriteString("sms_application_sid", number.SmsApplicationSid);
            json.WriteString("trunk_sid", number.TrunkSid);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteOverrides(Utf8JsonWriter json, string name, string? url)
    {
        if (string.IsNullOrEmpty(url) || !url.Contains('#', StringComparison.Ordinal))
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        if (!ConnectionOverrides.TryParse(url, out var overrides, out var problem))
        {
            json.WriteString("error", problem);
        }
        else
        {
            WriteNumber(json, "ct", overrides.ConnectTimeoutMs);
            WriteNumber(json, "rt", overrides.ReadTimeoutMs);
            WriteNumber(json, "tt", overrides.TotalTimeoutMs);
            WriteNumber(json, "rc", overrides.RetryCount);
            WriteList(json, "rp", overrides.RetryPolicy);
            WriteList(json, "e", overrides.Edges);
        }

        json.WriteEndObject();

        static void WriteNumber(Utf8JsonWriter json, string name, int? value)
        {
            if (value is { } v)
            {
                json.WriteNumber(name, v);
            }
        }

        static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                json.WriteStartArray(name);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }
        }
    }
}
