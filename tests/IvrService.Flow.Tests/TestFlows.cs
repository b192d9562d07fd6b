using IvrService.Testing;

namespace IvrService.Flow.Tests;

/// <summary>Flows for tests: the sample, and small inline flows built from JSON.</summary>
internal static class TestFlows
{
    private static readonly Lazy<FlowDefinition> LazySample = new(() => LoadValid(RepoPaths.SampleFlow));

    public static FlowDefinition Sample => LazySample.Value;

    public static FlowDefinition LoadValid(string path)
    {
        var result = FlowLoader.Load(path);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Flow!;
    }

    /// <summary>Parses JSON that must load without errors (warnings allowed).</summary>
    public static FlowDefinition Parse(string json)
    {
        var result = FlowLoader.Parse(json);
        Assert.True(result.Flow is not null && !result.Problems.HasErrors(), string.Join(Environment.NewLine, result.Problems));
        return result.Flow!;
    }

    /// <summary>
    /// A two-locale flow with a main menu (1 → sub menu, 2 → bye), a sub menu with a back key, a goodbye prompt
    /// that exists only in en-US (so es-US falls back), and the given extra nodes.
    /// </summary>
    public static string MenuFlowJson(string mainExtra = "", string extraNodes = "") => $$"""
        {
          "start": "main",
          "defaultLocale": "en-US",
          "locales": ["en-US", "es-US"],
          "goodbyePrompt": "bye",
          "prompts": {
            "en-US": {
              "long": { "file": "long.wav", "text": "Long greeting." },
              "short": { "file": "short.wav", "text": "Short greeting." },
              "invalid": { "file": "invalid.wav", "text": "Invalid." },
              "silence": { "file": "silence.wav", "text": "Nothing heard." },
              "sub": { "file": "sub.wav", "text": "Sub menu." },
              "bye": { "file": "bye.wav", "text": "Goodbye." }
            },
            "es-US": {
              "long": { "file": "long.wav", "text": "Saludo largo." },
              "short": { "file": "short.wav", "text": "Saludo corto." },
              "invalid": { "file": "invalid.wav", "text": "Inválido." },
              "silence": { "file": "silence.wav", "text": "Nada." },
              "sub": { "file": "sub.wav", "text": "Submenú." }
            }
          },
          "nodes": {
            "main": {
              "type": "menu",
              "greetingLong": "long",
              "greetingShort": "short",
              "invalidPrompt": "invalid",
              "noInputPrompt": "silence",
              "maxFailures": 3,
              "maxTimeouts": 2,
              "repeatKey": "*",
              {{mainExtra}}
              "options": {
                "1": { "next": "sub", "hints": ["billing"] },
                "2": { "next": "end" }
              }
            },
            "sub": {
              "type": "menu",
              "greetingLong": "sub",
              "invalidPrompt": "invalid",
              "noInputPrompt": "silence",
              "backKey": "#",
              "options": { "1": { "next": "end" } }
            },
            {{extraNodes}}
            "end": { "type": "hangup", "prompt": "bye" }
          }
        }
        """;

    /// <summary>
    /// A flow whose start node texts the caller, then says goodbye: prompts "sent" in both locales, "sorry" only in
    /// en-US; <paramref name="textNode"/> replaces the text node's properties.
    /// </summary>
    public static string TextFlowJson(string? textNode = null, string sms = "") => $$"""
        {
          "start": "link",
          "defaultLocale": "en-US",
          "locales": ["en-US", "es-US"],
          "prompts": {
            "en-US": {
              "sent": { "file": "sent.wav", "text": "We have sent you a text." },
              "sorry": { "file": "sorry.wav", "text": "Sorry, we cannot text you." },
              "bye": { "file": "bye.wav", "text": "Goodbye." }
            },
            "es-US": {
              "sent": { "file": "sent.wav", "text": "Le hemos enviado un mensaje." },
              "bye": { "file": "bye.wav", "text": "Adiós." }
            }
          },
          "nodes": {
            "link": {
              {{textNode ?? "\"type\": \"text\", \"body\": { \"en-US\": \"Book: https://example.com/b\", \"es-US\": \"Reserve: https://example.com/b\" }, \"prompt\": \"sent\", \"unavailablePrompt\": \"sorry\", \"next\": \"end\""}}
            },
            "end": { "type": "hangup", "prompt": "bye" }
          }{{(sms.Length > 0 ? ",\n  \"sms\": " + sms : "")}}
        }
        """;
}
