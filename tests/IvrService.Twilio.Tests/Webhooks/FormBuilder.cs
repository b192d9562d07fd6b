using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace IvrService.Twilio.Tests.Webhooks;

internal static class FormBuilder
{
    public static FormCollection Of(params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            values[name] = values.TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : value;
        }

        return new FormCollection(values);
    }
}
