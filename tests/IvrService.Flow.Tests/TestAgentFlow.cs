namespace IvrService.Flow.Tests;

/// <summary>A menu whose 0 is a built-in agent (hours from a prompt, the link from a text node, handoffs to a person or a message).</summary>
internal static class TestAgentFlow
{
    public const string Json = """
        {
          "start": "main", "defaultLocale": "en-US", "locales": ["en-US", "es-US"], "goodbyePrompt": "bye",
          "prompts": {
            "en-US": { "menu": { "file": "m.wav", "text": "Press 0 to ask us, 1 for sales." }, "hours": { "file": "h.wav", "text": "We are open 9 to 5." }, "bye": { "file": "b.wav", "text": "Bye." } },
            "es-US": { "menu": { "file": "m.wav", "text": "Oprima 0 o 1." }, "hours": { "file": "h.wav", "text": "Abrimos de 9 a 5." }, "bye": { "file": "b.wav", "text": "Adiós." } }
          },
          "nodes": {
            "main": { "type": "menu", "greetingLong": "menu", "invalidPrompt": { "say": "No." }, "noInputPrompt": { "say": "Hello?" },
                      "options": { "0": { "next": "assistant" }, "1": { "next": "sales" } } },
            "assistant": {
              "type": "agent", "backend": "builtin",
              "welcomeGreeting": { "en-US": "Hi! Ask me about our hours or booking.", "es-US": "¡Hola! Pregunte por el horario." },
              "voice": { "en-US": "en-US-Journey-O" }, "ttsProvider": "Google", "interruptible": "any", "dtmfDetection": true,
              "hints": ["Example Company"],
              "intents": [
                { "id": "hours", "examples": ["opening hours", "when are you open", "horario"], "sayPrompt": "hours" },
                { "id": "link", "examples": ["booking", "link", "enlace"], "say": { "en-US": "Here is our link:", "es-US": "Nuestro enlace:" }, "sayText": "text-link" },
                { "id": "person", "examples": ["talk to a person", "0", "persona"], "say": "Connecting you.", "handoff": "transfer" },
                { "id": "message", "examples": ["leave a message"], "handoff": "voicemail" }
              ],
              "noMatch": { "en-US": "Sorry, ask me about hours or booking.", "es-US": "Perdón." },
              "maxNoMatch": 2,
              "onHandoff": { "transfer": "sales", "voicemail": "vm" }
            },
            "sales": { "type": "transfer", "to": "+15005550006", "onFailure": "vm" },
            "vm": { "type": "voicemail", "prompt": "bye" },
            "text-link": { "type": "text", "body": { "en-US": "https://example.com/book", "es-US": "https://example.com/reservar" }, "prompt": { "say": "Sent." }, "next": "main" },
            "bye": { "type": "hangup", "prompt": "bye" }
          }
        }
        """;

    public static FlowDefinition Flow => TestFlows.Parse(Json);
}
