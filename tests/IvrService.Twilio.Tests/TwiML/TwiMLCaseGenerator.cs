using System.Text;
using System.Text.Json.Nodes;
using IvrService.Twilio.TwiML;
using Record = IvrService.Twilio.TwiML.Record;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>
/// Random TwiML documents from a seed, each built twice: with our typed writer and as a JSON description the node
/// oracle replays through the official library. With <c>everyAttribute</c> every optional attribute is set.
/// </summary>
internal sealed class TwiMLCaseGenerator(int seed, bool everyAttribute = false)
{
    private static readonly string[] Fragments =
    [
        "Hello", "Press 1 & 2", "<b>not a tag</b>", "\"quoted\"", "it's", "héllo", "日本語のテキスト", "😀👍🏽", "مرحبا",
        "a\tb", "line1\nline2", "cr\rhere", "crlf\r\nhere", "  padded  ", "]]>", "&amp; literal", "a<b>c", "x > y",
        "100% sure", "ñandú", "Ελληνικά", "\u00A0nbsp", "semi;colon", "=equals=", "?query&x=1", "#hash", "\u0085next",
    ];

    private readonly Random _random = new(seed);

    private bool EveryAttribute => everyAttribute;

    public (TwiMLResponse Ours, JsonObject Spec) Next()
    {
        var verbs = new JsonArray();
        if (!everyAttribute && _random.Next(4) == 0)
        {
            var messaging = new MessagingResponse();
            for (int i = 0, n = _random.Next(0, 4); i < n; i++)
            {
                messaging.Append(_random.Next(3) == 0 ? Redirect(verbs) : Message(verbs));
            }

            return (messaging, new JsonObject { ["kind"] = "messaging", ["verbs"] = verbs });
        }

        var voice = new VoiceResponse();
        var count = everyAttribute ? VoiceVerbCount : _random.Next(0, 7);
        for (var i = 0; i < count; i++)
        {
            voice.Append(VoiceVerb(everyAttribute ? i : _random.Next(VoiceVerbCount), verbs));
        }

        return (voice, new JsonObject { ["kind"] = "voice", ["verbs"] = verbs });
    }

    private const int VoiceVerbCount = 11;

    private IVoiceVerb VoiceVerb(int which, JsonArray into) => which switch
    {
        0 => Say(into),
        1 => Play(into),
        2 => Pause(into),
        3 => Gather(into),
        4 => Redirect(into),
        5 => Dial(into),
        6 => Record(into),
        7 => Simple<Hangup>("Hangup", into),
        8 => Reject(into),
        9 => Enqueue(into),
        _ => Simple<Leave>("Leave", into),
    };

    private Say Say(JsonArray into)
    {
        var a = new Attrs(this);
        var text = Text();
        var say = new Say(text) { Voice = a.Str("voice"), Language = a.Str("language"), Loop = a.Int("loop", 0, 10) };
        into.Add(a.Element("Say", text));
        return say;
    }

    private Play Play(JsonArray into)
    {
        var a = new Attrs(this);
        var url = everyAttribute || _random.Next(5) > 0 ? Url() : null;
        var play = new Play(url) { Loop = a.Int("loop", 0, 10), Digits = a.Digits("digits") };
        into.Add(a.Element("Play", url));
        return play;
    }

    private Pause Pause(JsonArray into)
    {
        var a = new Attrs(this);
        var pause = new Pause { Length = a.Int("length", 1, 30) };
        into.Add(a.Element("Pause", null));
        return pause;
    }

    private Gather Gather(JsonArray into)
    {
        var a = new Attrs(this);
        var gather = new Gather
        {
            Action = a.Url("action"),
            Method = a.Method("method"),
            Timeout = a.Int("timeout", 1, 60),
            NumDigits = a.Int("numDigits", 1, 20),
            FinishOnKey = a.Pick("finishOnKey", "#", "*", "", "1#"),
            Input = a.Flags("input", [(GatherInput.Dtmf, "dtmf"), (GatherInput.Speech, "speech")]),
            Language = a.Pick("language", "en-US", "es-MX", "de-DE"),
            Hints = a.Str("hints"),
            SpeechTimeout = a.Pick("speechTimeout", "auto", "3"),
            MaxSpeechTime = a.Int("maxSpeechTime", 1, 60),
            ProfanityFilter = a.Bool("profanityFilter"),
            PartialResultCallback = a.Url("partialResultCallback"),
            PartialResultCallbackMethod = a.Method("partialResultCallbackMethod"),
            ActionOnEmptyResult = a.Bool("actionOnEmptyResult"),
            SpeechModel = a.Pick("speechModel", "phone_call", "numbers_and_commands"),
            Enhanced = a.Bool("enhanced"),
            BargeIn = a.Bool("bargeIn"),
            Debug = a.Bool("debug"),
        };
        var element = a.Element("Gather", null);
        var children = new JsonArray();
        for (int i = 0, n = everyAttribute ? 3 : _random.Next(0, 4); i < n; i++)
        {
            gather.Append((everyAttribute ? i : _random.Next(3)) switch
            {
                0 => Say(children),
                1 => Play(children),
                _ => Pause(children),
            });
        }

        element["children"] = children;
        into.Add(element);
        return gather;
    }

    private Redirect Redirect(JsonArray into)
    {
        var a = new Attrs(this);
        var url = Url();
        var redirect = new Redirect(url) { Method = a.Method("method") };
        into.Add(a.Element("Redirect", url));
        return redirect;
    }

    private Dial Dial(JsonArray into)
    {
        var a = new Attrs(this);
        var plain = !everyAttribute && _random.Next(2) == 0 ? Phone() : null;
        var recordingEvents = new[] { (RecordingEvent.InProgress, "in-progress"), (RecordingEvent.Completed, "completed"), (RecordingEvent.Absent, "absent") };
        var dial = new Dial(plain)
        {
            Action = a.Url("action"),
            Method = a.Method("method"),
            Timeout = a.Int("timeout", 5, 600),
            CallerId = a.Phone("callerId"),
            HangupOnStar = a.Bool("hangupOnStar"),
            TimeLimit = a.Int("timeLimit", 1, 14400),
            Record = a.Enum("record", [(DialRecord.DoNotRecord, "do-not-record"), (DialRecord.RecordFromAnswer, "record-from-answer"),
                (DialRecord.RecordFromRinging, "record-from-ringing"), (DialRecord.RecordFromAnswerDual, "record-from-answer-dual"),
                (DialRecord.RecordFromRingingDual, "record-from-ringing-dual")]),
            Trim = a.Enum("trim", [(TrimMode.TrimSilence, "trim-silence"), (TrimMode.DoNotTrim, "do-not-trim")]),
            RecordingStatusCallback = a.Url("recordingStatusCallback"),
            RecordingStatusCallbackMethod = a.Method("recordingStatusCallbackMethod"),
            RecordingStatusCallbackEvent = a.Flags("recordingStatusCallbackEvent", recordingEvents),
            RecordingTrack = a.Enum("recordingTrack", [(RecordingTrack.Both, "both"), (RecordingTrack.Inbound, "inbound"), (RecordingTrack.Outbound, "outbound")]),
            AnswerOnBridge = a.Bool("answerOnBridge"),
            RingTone = a.Pick("ringTone", "us", "de", "uk"),
            Sequential = a.Bool("sequential"),
            ReferUrl = a.Url("referUrl"),
            ReferMethod = a.Method("referMethod"),
        };
        var element = a.Element("Dial", plain);
        if (plain is null)
        {
            var children = new JsonArray();
            for (int i = 0, n = everyAttribute ? 3 : _random.Next(1, 4); i < n; i++)
            {
                dial.Append((everyAttribute ? i : _random.Next(3)) switch
                {
                    0 => Number(children),
                    1 => Client(children),
                    _ => Sip(children),
                });
            }

            element["children"] = children;
        }

        into.Add(element);
        return dial;
    }

    private static readonly (CallProgressEvent, string)[] CallEvents =
        [(CallProgressEvent.Initiated, "initiated"), (CallProgressEvent.Ringing, "ringing"), (CallProgressEvent.Answered, "answered"), (CallProgressEvent.Completed, "completed")];

    private Number Number(JsonArray into)
    {
        var a = new Attrs(this);
        var phone = Phone();
        var number = new Number(phone)
        {
            SendDigits = a.Digits("sendDigits"),
            Url = a.Url("url"),
            Method = a.Method("method"),
            StatusCallback = a.Url("statusCallback"),
            StatusCallbackMethod = a.Method("statusCallbackMethod"),
            StatusCallbackEvent = a.Flags("statusCallbackEvent", CallEvents),
            Byoc = a.Str("byoc"),
            MachineDetection = a.Pick("machineDetection", "Enable", "DetectMessageEnd"),
            AmdStatusCallback = a.Url("amdStatusCallback"),
            AmdStatusCallbackMethod = a.Method("amdStatusCallbackMethod"),
            MachineDetectionTimeout = a.Int("machineDetectionTimeout", 3, 59),
            MachineDetectionSpeechThreshold = a.Int("machineDetectionSpeechThreshold", 1000, 6000),
            MachineDetectionSpeechEndThreshold = a.Int("machineDetectionSpeechEndThreshold", 500, 5000),
            MachineDetectionSilenceTimeout = a.Int("machineDetectionSilenceTimeout", 2000, 10000),
        };
        into.Add(a.Element("Number", phone));
        return number;
    }

    private Client Client(JsonArray into)
    {
        var a = new Attrs(this);
        var identity = Text();
        var client = new Client(identity)
        {
            Url = a.Url("url"),
            Method = a.Method("method"),
            StatusCallback = a.Url("statusCallback"),
            StatusCallbackMethod = a.Method("statusCallbackMethod"),
            StatusCallbackEvent = a.Flags("statusCallbackEvent", CallEvents),
        };
        into.Add(a.Element("Client", identity));
        return client;
    }

    private Sip Sip(JsonArray into)
    {
        var a = new Attrs(this);
        var uri = "sip:" + Text() + "@example.com;transport=tls";
        var sip = new Sip(uri)
        {
            Username = a.Str("username"),
            Password = a.Str("password"),
            Url = a.Url("url"),
            Method = a.Method("method"),
            StatusCallback = a.Url("statusCallback"),
            StatusCallbackMethod = a.Method("statusCallbackMethod"),
            StatusCallbackEvent = a.Flags("statusCallbackEvent", CallEvents),
            MachineDetection = a.Pick("machineDetection", "Enable"),
            AmdStatusCallback = a.Url("amdStatusCallback"),
            AmdStatusCallbackMethod = a.Method("amdStatusCallbackMethod"),
            MachineDetectionTimeout = a.Int("machineDetectionTimeout", 3, 59),
        };
        into.Add(a.Element("Sip", uri));
        return sip;
    }

    private Record Record(JsonArray into)
    {
        var a = new Attrs(this);
        var record = new Record
        {
            Action = a.Url("action"),
            Method = a.Method("method"),
            Timeout = a.Int("timeout", 0, 30),
            FinishOnKey = a.Pick("finishOnKey", "#", "1234567890*#", ""),
            MaxLength = a.Int("maxLength", 1, 3600),
            PlayBeep = a.Bool("playBeep"),
            Trim = a.Enum("trim", [(TrimMode.TrimSilence, "trim-silence"), (TrimMode.DoNotTrim, "do-not-trim")]),
            RecordingStatusCallback = a.Url("recordingStatusCallback"),
            RecordingStatusCallbackMethod = a.Method("recordingStatusCallbackMethod"),
            RecordingStatusCallbackEvent = a.Flags("recordingStatusCallbackEvent",
                [(RecordingEvent.InProgress, "in-progress"), (RecordingEvent.Completed, "completed"), (RecordingEvent.Absent, "absent")]),
            Transcribe = a.Bool("transcribe"),
            TranscribeCallback = a.Url("transcribeCallback"),
        };
        into.Add(a.Element("Record", null));
        return record;
    }

    private Reject Reject(JsonArray into)
    {
        var a = new Attrs(this);
        var reject = new Reject { Reason = a.Enum("reason", [(RejectReason.Rejected, "rejected"), (RejectReason.Busy, "busy")]) };
        into.Add(a.Element("Reject", null));
        return reject;
    }

    private Enqueue Enqueue(JsonArray into)
    {
        var a = new Attrs(this);
        var name = Text();
        var enqueue = new Enqueue(name)
        {
            Action = a.Url("action"),
            Method = a.Method("method"),
            WaitUrl = a.Url("waitUrl"),
            WaitUrlMethod = a.Method("waitUrlMethod"),
            MaxQueueSize = a.Int("maxQueueSize", 1, 5000),
            WorkflowSid = a.Str("workflowSid"),
        };
        into.Add(a.Element("Enqueue", name));
        return enqueue;
    }

    private static T Simple<T>(string name, JsonArray into)
        where T : IVoiceVerb, new()
    {
        into.Add(new JsonObject { ["name"] = name, ["attrs"] = new JsonObject() });
        return new T();
    }

    private Message Message(JsonArray into)
    {
        var a = new Attrs(this);
        var plain = _random.Next(2) == 0;
        var text = plain ? Text() : null;
        var message = new Message(text)
        {
            To = a.Phone("to"),
            From = a.Phone("from"),
            Action = a.Url("action"),
            Method = a.Method("method"),
            StatusCallback = a.Url("statusCallback"),
        };
        var element = a.Element("Message", text);
        if (!plain)
        {
            var children = new JsonArray();
            for (int i = 0, n = _random.Next(1, 4); i < n; i++)
            {
                if (i == 0 || _random.Next(2) == 0)
                {
                    var body = Text();
                    message.Body(body);
                    children.Add(new JsonObject { ["name"] = "Body", ["attrs"] = new JsonObject(), ["text"] = body });
                }
                else
                {
                    var url = Url();
                    message.Media(url);
                    children.Add(new JsonObject { ["name"] = "Media", ["attrs"] = new JsonObject(), ["text"] = url });
                }
            }

            element["children"] = children;
        }

        into.Add(element);
        return message;
    }

    private string Text()
    {
        var builder = new StringBuilder();
        for (int i = 0, n = _random.Next(1, 5); i < n; i++)
        {
            builder.Append(Fragments[_random.Next(Fragments.Length)]);
            if (_random.Next(3) == 0)
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    private string Url() => $"https://example.com/{Uri.EscapeDataString(Text())}?n={_random.Next(100)}&t={Text()}";

    private string Phone() => "+1" + _random.NextInt64(2_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Decides which attributes are set and mirrors each into the oracle's attribute object.</summary>
    private sealed class Attrs(TwiMLCaseGenerator owner)
    {
        private readonly JsonObject _json = new();

        public JsonObject Element(string name, string? text)
        {
            var element = new JsonObject { ["name"] = name, ["attrs"] = _json };
            if (text is not null)
            {
                element["text"] = text;
            }

            return element;
        }

        public string? Str(string name) => Set(name, () => owner.Text());

        public string? Url(string name) => Set(name, owner.Url);

        public string? Phone(string name) => Set(name, owner.Phone);

        public string? Digits(string name) => Set(name, () => "w1" + owner._random.Next(1000) + "#");

        public string? Pick(string name, params string[] options) => Set(name, () => options[owner._random.Next(options.Length)]);

        public int? Int(string name, int min, int max)
        {
            if (!Use())
            {
                return null;
            }

            var value = owner._random.Next(min, max + 1);
            _json[name] = value;
            return value;
        }

        public bool? Bool(string name)
        {
            if (!Use())
            {
                return null;
            }

            var value = owner._random.Next(2) == 0;
            _json[name] = value;
            return value;
        }

        public TwilioHttpMethod? Method(string name)
        {
            if (!Use())
            {
                return null;
            }

            var value = owner._random.Next(2) == 0 ? TwilioHttpMethod.Get : TwilioHttpMethod.Post;
            _json[name] = value == TwilioHttpMethod.Get ? "GET" : "POST";
            return value;
        }

        public T? Enum<T>(string name, (T Value, string Wire)[] options)
            where T : struct
        {
            if (!Use())
            {
                return null;
            }

            var (value, wire) = options[owner._random.Next(options.Length)];
            _json[name] = wire;
            return value;
        }

        /// <summary>A non-empty subset, sent to node as an array (the library joins it with spaces).</summary>
        public T? Flags<T>(string name, (T Value, string Wire)[] options)
            where T : struct, System.Enum
        {
            if (!Use())
            {
                return null;
            }

            var mask = owner.EveryAttribute ? (1 << options.Length) - 1 : owner._random.Next(1, 1 << options.Length);
            var combined = 0;
            var wire = new JsonArray();
            for (var i = 0; i < options.Length; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    combined |= Convert.ToInt32(options[i].Value, System.Globalization.CultureInfo.InvariantCulture);
                    wire.Add(options[i].Wire);
                }
            }

            _json[name] = wire;
            return (T)(object)combined;
        }

        private string? Set(string name, Func<string> make)
        {
            if (!Use())
            {
                return null;
            }

            var value = make();
            _json[name] = value;
            return value;
        }

        private bool Use() => owner.EveryAttribute || owner._random.Next(3) == 0;
    }
}
