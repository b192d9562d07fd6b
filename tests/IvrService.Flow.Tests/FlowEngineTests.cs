using Microsoft.Extensions.Time.Testing;

namespace IvrService.Flow.Tests;

public class FlowEngineTests
{
    // Monday 2026-11-23 10:00 in New York (EST, UTC-5): support is open.
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    // Sunday 2026-11-22 10:00 in New York: support is closed all day.
    private static readonly DateTimeOffset SundayMorning = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    private static FlowEngine SampleEngine(DateTimeOffset? now = null) =>
        new(TestFlows.Sample, new FakeTimeProvider(now ?? MondayMorning));

    private static FlowEngine MenuEngine(string mainExtra = "", string extraNodes = "") =>
        new(TestFlows.Parse(TestFlows.MenuFlowJson(mainExtra, extraNodes)), new FakeTimeProvider(MondayMorning));

    private static GatherStep GatherOf(IvrTurn turn) => Assert.Single(turn.Steps.OfType<GatherStep>());

    private static CallState NoInputStateOf(IvrTurn turn)
    {
        var redirect = Assert.IsType<RedirectStep>(turn.Steps[^1]);
        Assert.Equal(CallStateMarker.NoInput, redirect.Next.Marker);
        return redirect.Next;
    }

    private static string[] Keys(IEnumerable<IvrStep> steps) =>
        steps.Select(s => s switch
        {
            PlayPromptStep p => p.AudioKey,
            SayStep s2 => "say:" + s2.Text,
            PauseStep p => "pause:" + p.Seconds,
            _ => s.GetType().Name,
        }).ToArray();

    [Fact]
    public void Start_SampleFlow_PlaysWelcomeThenGathersWithLongGreeting()
    {
        var turn = SampleEngine().Start();

        Assert.Equal("main", turn.NodeId);
        Assert.Equal(["welcome", "main"], turn.Path);
        Assert.Equal(["en-US/welcome.wav", "GatherStep", "RedirectStep"], Keys(turn.Steps));
        var gather = GatherOf(turn);
        Assert.Equal(["en-US/main-long.wav"], Keys(gather.Prompts));
        Assert.Equal("main", gather.Next.NodeId);
        Assert.Equal(CallStateMarker.None, gather.Next.Marker);
        Assert.Equal(5, gather.TimeoutSeconds);
        Assert.Equal(1, gather.NumDigits);
        Assert.Equal("", gather.FinishOnKey);
        Assert.Equal(GatherInputMode.DtmfAndSpeech, gather.Input);
        Assert.Contains("ventas", gather.Hints);
        Assert.Equal("en-US", gather.Language);
        Assert.Equal("main", NoInputStateOf(turn).NodeId);
    }

    [Fact]
    public void Walk_SampleCalls_VisitEveryNodeTypeOfTheSample()
    {
        var open = SampleEngine(MondayMorning);
        var closed = SampleEngine(SundayMorning);
        var menu = new CallState("main", "en-US");
        IvrTurn[] turns =
        [
            open.Start(),
            open.Continue(menu, CallInput.Digits("1")),
            open.Continue(new CallState("sales", "en-US"), CallInput.DialResult(DialOutcome.NoAnswer)),
            open.Continue(new CallState("voicemail", "en-US"), CallInput.RecordingResult("https://x/r", 3)),
            open.Continue(menu, CallInput.Digits("2")),
            closed.Continue(menu, CallInput.Digits("2")),
            open.Continue(menu, CallInput.Digits("3")),
            open.Continue(menu, CallInput.Digits("5")),
            open.Continue(menu, CallInput.Digits("9")),
            open.Continue(menu with { Locale = "es-US" }, CallInput.Digits("8")),
            open.Continue(menu with { Timeouts = 2, Marker = CallStateMarker.NoInput }, CallInput.NoInput),
            open.Continue(menu, CallInput.Digits("0")),
        ];

        var visitedTypes = turns.SelectMany(t => t.Path).Select(id => TestFlows.Sample.Nodes[id].Type).ToHashSet();
        var visitedNodes = turns.SelectMany(t => t.Path).ToHashSet();

        Assert.Equal(FlowNode.TypeNames.Order(), visitedTypes.Order());
        Assert.Subset(visitedNodes, TestFlows.Sample.Nodes.Keys.ToHashSet());
    }

    [Fact]
    public void Start_PromptSteps_CarryTextForFallbackAndTranscripts()
    {
        var play = Assert.IsType<PlayPromptStep>(SampleEngine().Start().Steps[0]);

        Assert.Equal(new PlayPromptStep("welcome", "en-US", "en-US/welcome.wav", "Thank you for calling Example Company."), play);
    }

    [Fact]
    public void Continue_SalesBusyThenVoicemail_WalksTransferVoicemailAndHangup()
    {
        var engine = SampleEngine();
        var menu = GatherOf(engine.Start()).Next;

        var toSales = engine.Continue(menu, CallInput.Digits("1"));
        Assert.Equal("sales", toSales.NodeId);
        Assert.Equal("option", toSales.Outcome);
        Assert.Equal(["en-US/connecting-sales.wav", "DialStep"], Keys(toSales.Steps));
        var dial = Assert.IsType<DialStep>(toSales.Steps[^1]);
        Assert.Equal(("+15005550006", DialTargetKind.Number, 20, (string?)null), (dial.Target, dial.Kind, dial.TimeoutSeconds, dial.CallerId));
        Assert.Equal(["main"], dial.Next.Back);

        var busy = engine.Continue(dial.Next, CallInput.DialResult(DialOutcome.Busy));
        Assert.Equal("voicemail", busy.NodeId);
        Assert.Equal("dial-busy", busy.Outcome);
        Assert.Equal(["en-US/agent-unavailable.wav", "en-US/voicemail-prompt.wav", "RecordStep", "RedirectStep"], Keys(busy.Steps));
        var record = Assert.IsType<RecordStep>(busy.Steps[2]);
        Assert.Equal((120, true, true, (string?)null), (record.MaxLengthSeconds, record.PlayBeep, record.Transcribe, record.TranscribeCallback));

        var recorded = engine.Continue(record.Next, CallInput.RecordingResult("https://api.twilio.com/rec/RE1", 14));
        Assert.Equal("recorded", recorded.Outcome);
        // The turn ends at the voicemail node (logs and the calls-ended metric name it), not at no node.
        Assert.Equal(record.Next.NodeId, recorded.NodeId);
        Assert.Equal(["en-US/voicemail-thanks.wav", "HangupStep"], Keys(recorded.Steps));
    }

    [Theory]
    [InlineData(DialOutcome.Completed, "dial-completed", new[] { "HangupStep" })]
    [InlineData(DialOutcome.Answered, "dial-completed", new[] { "HangupStep" })]
    [InlineData(DialOutcome.Canceled, "dial-canceled", new[] { "HangupStep" })]
    [InlineData(DialOutcome.NoAnswer, "dial-no-answer", new[] { "en-US/agent-unavailable.wav", "en-US/voicemail-prompt.wav", "RecordStep", "RedirectStep" })]
    [InlineData(DialOutcome.Failed, "dial-failed", new[] { "en-US/agent-unavailable.wav", "en-US/voicemail-prompt.wav", "RecordStep", "RedirectStep" })]
    [InlineData(DialOutcome.Unknown, "dial-failed", new[] { "en-US/agent-unavailable.wav", "en-US/voicemail-prompt.wav", "RecordStep", "RedirectStep" })]
    public void Continue_DialOutcome_FollowsItsBranch(DialOutcome outcome, string expectedOutcome, string[] expectedSteps)
    {
        var engine = SampleEngine();

        var turn = engine.Continue(new CallState("sales", "en-US"), CallInput.DialResult(outcome));

        Assert.Equal(expectedOutcome, turn.Outcome);
        Assert.Equal(expectedSteps, Keys(turn.Steps));
    }

    [Fact]
    public void Continue_SupportWhileOpen_DialsSipUri()
    {
        var engine = SampleEngine(MondayMorning);

        var turn = engine.Continue(new CallState("main", "en-US"), CallInput.Digits("2"));

        Assert.Equal(["main", "support-hours", "support"], turn.Path);
        var dial = Assert.IsType<DialStep>(turn.Steps[^1]);
        Assert.Equal(("sip:support@example.sip.twilio.com", DialTargetKind.Sip, 25), (dial.Target, dial.Kind, dial.TimeoutSeconds));
    }

    [Fact]
    public void Continue_SupportWhileClosed_GoesToVoicemail()
    {
        var engine = SampleEngine(SundayMorning);

        var turn = engine.Continue(new CallState("main", "en-US"), CallInput.Digits("2"));

        Assert.Equal(["main", "support-hours", "support-closed", "voicemail"], turn.Path);
        Assert.Equal(["en-US/support-closed.wav", "en-US/voicemail-prompt.wav", "RecordStep", "RedirectStep"], Keys(turn.Steps));
    }

    [Fact]
    public void Continue_SupportOnChristmasFriday_IsClosedAsHoliday()
    {
        var christmasMorning = new DateTimeOffset(2026, 12, 25, 15, 0, 0, TimeSpan.Zero);
        var dayBefore = christmasMorning.AddDays(-1);

        var holiday = SampleEngine(christmasMorning).Continue(new CallState("main", "en-US"), CallInput.Digits("2"));
        var workday = SampleEngine(dayBefore).Continue(new CallState("main", "en-US"), CallInput.Digits("2"));

        Assert.Equal("voicemail", holiday.NodeId);
        Assert.Equal("support", workday.NodeId);
    }

    [Fact]
    public void Continue_HoursInfo_PlaysPauseAndReturnsToMainThroughGoto()
    {
        var turn = SampleEngine().Continue(new CallState("main", "en-US"), CallInput.Digits("3"));

        Assert.Equal(["main", "hours-info", "back-to-main", "main"], turn.Path);
        Assert.Equal(["en-US/hours-info.wav", "pause:1", "GatherStep", "RedirectStep"], Keys(turn.Steps));
        Assert.Equal(["en-US/main-long.wav"], Keys(GatherOf(turn).Prompts));
        Assert.Empty(GatherOf(turn).Next.Back);
    }

    [Fact]
    public void Continue_Spanish_SwitchesLocaleForPromptsAndSpeech()
    {
        var engine = SampleEngine();

        var spanish = engine.Continue(new CallState("main", "en-US"), CallInput.Digits("9"));
        var gather = GatherOf(spanish);
        var sales = engine.Continue(gather.Next, CallInput.Digits("1"));

        Assert.Equal("es-US", spanish.Locale);
        Assert.Equal(["es-US/main-long.wav"], Keys(gather.Prompts));
        Assert.Equal("es-US", gather.Language);
        Assert.Equal("es-US", gather.Next.Locale);
        Assert.Equal(["es-US/connecting-sales.wav", "DialStep"], Keys(sales.Steps));
    }

    [Fact]
    public void Continue_InvalidKeys_RepromptWithShortGreetingThenGiveUpToOnMaxFailures()
    {
        var engine = SampleEngine();
        var state = new CallState("main", "en-US");

        var first = engine.Continue(state, CallInput.Digits("7"));
        var second = engine.Continue(GatherOf(first).Next, CallInput.Digits("6"));
        var third = engine.Continue(GatherOf(second).Next, CallInput.Digits("#"));

        Assert.Equal(("invalid", 1), (first.Outcome, GatherOf(first).Next.Failures));
        Assert.Equal(["en-US/invalid.wav", "en-US/main-short.wav"], Keys(GatherOf(first).Prompts));
        Assert.Equal(("invalid", 2), (second.Outcome, GatherOf(second).Next.Failures));
        Assert.Equal("max-failures", third.Outcome);
        Assert.Equal("voicemail", third.NodeId);
        Assert.Equal(["en-US/invalid.wav", "en-US/voicemail-prompt.wav", "RecordStep", "RedirectStep"], Keys(third.Steps));
    }

    [Fact]
    public void Continue_NoInputThroughRedirect_CountsTimeoutsThenGoesToGoodbyeNode()
    {
        var engine = SampleEngine();
        var start = engine.Start();

        // Twilio posts the redirect without Digits: the marker in the state makes it a timeout whatever input says.
        var first = engine.Continue(NoInputStateOf(start), CallInput.Unknown);
        var second = engine.Continue(NoInputStateOf(first), CallInput.Unknown);
        var third = engine.Continue(NoInputStateOf(second), CallInput.Unknown);

        Assert.Equal(("no-input", 1), (first.Outcome, GatherOf(first).Next.Timeouts));
        Assert.Equal(["en-US/no-input.wav", "en-US/main-short.wav"], Keys(GatherOf(first).Prompts));
        Assert.Equal(("no-input", 2), (second.Outcome, GatherOf(second).Next.Timeouts));
        Assert.Equal(("max-timeouts", "goodbye"), (third.Outcome, third.NodeId));
        Assert.Equal(["en-US/no-input.wav", "en-US/goodbye.wav", "HangupStep"], Keys(third.Steps));
    }

    [Fact]
    public void Continue_FailuresAndTimeouts_AreCountedSeparately()
    {
        var engine = SampleEngine();

        var invalid = engine.Continue(new CallState("main", "en-US") { Timeouts = 2 }, CallInput.Digits("7"));
        var silent = engine.Continue(new CallState("main", "en-US") { Failures = 2, Marker = CallStateMarker.NoInput }, CallInput.NoInput);

        Assert.Equal((1, 2), (GatherOf(invalid).Next.Failures, GatherOf(invalid).Next.Timeouts));
        Assert.Equal(("no-input", 2, 1), (silent.Outcome, GatherOf(silent).Next.Failures, GatherOf(silent).Next.Timeouts));
    }

    [Fact]
    public void Continue_MaxWithoutGiveUpNode_PlaysGoodbyeAndHangsUp()
    {
        var engine = MenuEngine();

        var turn = engine.Continue(new CallState("main", "en-US") { Failures = 2 }, CallInput.Digits("9"));

        Assert.Equal("max-failures", turn.Outcome);
        Assert.Equal(["en-US/invalid.wav", "en-US/bye.wav", "HangupStep"], Keys(turn.Steps));
    }

    [Fact]
    public void Continue_GoodbyeMissingInCallLocale_FallsBackToDefaultLocale()
    {
        var engine = MenuEngine();

        var turn = engine.Continue(new CallState("main", "es-US") { Timeouts = 1, Marker = CallStateMarker.NoInput }, CallInput.NoInput);

        Assert.Equal("max-timeouts", turn.Outcome);
        Assert.Equal(["es-US/silence.wav", "en-US/bye.wav", "HangupStep"], Keys(turn.Steps));
        var bye = Assert.IsType<PlayPromptStep>(turn.Steps[1]);
        Assert.Equal(("en-US", "Goodbye."), (bye.Locale, bye.Text));
    }

    [Fact]
    public void Continue_RepeatKey_ReplaysLongGreetingWithoutCounting()
    {
        var engine = MenuEngine();

        var turn = engine.Continue(new CallState("main", "en-US") { Failures = 1, Timeouts = 1 }, CallInput.Digits("*"));

        Assert.Equal("repeat", turn.Outcome);
        Assert.Equal(["en-US/long.wav"], Keys(GatherOf(turn).Prompts));
        Assert.Equal((1, 1), (GatherOf(turn).Next.Failures, GatherOf(turn).Next.Timeouts));
    }

    [Fact]
    public void Continue_BackKey_ReturnsToPreviousMenuWithLongGreeting()
    {
        var engine = MenuEngine();
        var sub = engine.Continue(new CallState("main", "en-US") { Failures = 2 }, CallInput.Digits("1"));

        var back = engine.Continue(GatherOf(sub).Next, CallInput.Digits("#"));

        Assert.Equal(["main"], GatherOf(sub).Next.Back);
        Assert.Equal((0, 0), (GatherOf(sub).Next.Failures, GatherOf(sub).Next.Timeouts));
        Assert.Equal(("back", "main"), (back.Outcome, back.NodeId));
        Assert.Equal(["en-US/long.wav"], Keys(GatherOf(back).Prompts));
        Assert.Empty(GatherOf(back).Next.Back);
    }

    [Fact]
    public void Continue_BackKeyWithNothingToGoBackTo_ReplaysTheMenu()
    {
        var turn = MenuEngine().Continue(new CallState("sub", "en-US"), CallInput.Digits("#"));

        Assert.Equal(("back-at-top", "sub"), (turn.Outcome, turn.NodeId));
        Assert.Equal(["en-US/sub.wav"], Keys(GatherOf(turn).Prompts));
    }

    [Fact]
    public void Continue_ShortGreetingMissing_RepromptsWithLongGreeting()
    {
        var turn = MenuEngine().Continue(new CallState("sub", "en-US"), CallInput.Digits("5"));

        Assert.Equal(["en-US/invalid.wav", "en-US/sub.wav"], Keys(GatherOf(turn).Prompts));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1\u0000")]
    [InlineData("\uD83D\uDE00")]
    public void Continue_MalformedDigits_CountAsInvalid(string digits)
    {
        var turn = MenuEngine().Continue(new CallState("main", "en-US"), CallInput.Digits(digits));

        Assert.Equal("invalid", turn.Outcome);
        Assert.Equal(1, GatherOf(turn).Next.Failures);
    }

    [Fact]
    public void Continue_FiveThousandDigits_CountAsInvalid()
    {
        var turn = MenuEngine().Continue(new CallState("main", "en-US"), CallInput.Digits(new string('1', 5000)));

        Assert.Equal("invalid", turn.Outcome);
    }

    [Theory]
    [InlineData("I have a billing question", "sub")]
    [InlineData("BILLING!", "sub")]
    [InlineData("1", "sub")]
    [InlineData("two", "main")]
    [InlineData("billingual", "main")]
    public void Continue_Speech_MatchesHintsAsWholeWords(string speech, string expectedNode)
    {
        var turn = MenuEngine().Continue(new CallState("main", "en-US"), CallInput.Speech(speech, 0.9));

        Assert.Equal(expectedNode, turn.NodeId);
    }

    [Fact]
    public void Continue_SpeechInSpanish_MatchesSampleHint()
    {
        var turn = SampleEngine().Continue(new CallState("main", "es-US"), CallInput.Speech("quiero hablar con ventas", 0.8));

        Assert.Equal("sales", turn.NodeId);
    }

    [Fact]
    public void Continue_UnexpectedInputAtMenu_RepresentsMenuWithoutCounting()
    {
        var turn = MenuEngine().Continue(new CallState("main", "en-US") { Failures = 1 }, CallInput.DialResult(DialOutcome.Completed));

        Assert.Equal("unexpected-input", turn.Outcome);
        Assert.Equal(1, GatherOf(turn).Next.Failures);
    }

    [Fact]
    public void Continue_VoicemailNoRecording_SaysGoodbye()
    {
        var engine = SampleEngine();

        var silent = engine.Continue(new CallState("voicemail", "en-US") { Marker = CallStateMarker.NoInput }, CallInput.Unknown);
        var empty = engine.Continue(new CallState("voicemail", "en-US"), CallInput.RecordingResult("https://x/rec", 0));

        Assert.Equal("no-message", silent.Outcome);
        Assert.Equal(["en-US/goodbye.wav", "HangupStep"], Keys(silent.Steps));
        Assert.Equal("no-message", empty.Outcome);
    }

    [Fact]
    public void Continue_TransferStateWithoutDialResult_DialsAgain()
    {
        var turn = SampleEngine().Continue(new CallState("sales", "en-US"), CallInput.Digits("1"));

        Assert.Equal("entered", turn.Outcome);
        Assert.Equal(["sales"], turn.Path);
        Assert.Equal(["en-US/connecting-sales.wav", "DialStep"], Keys(turn.Steps));
    }

    [Fact]
    public void Continue_UnknownNode_EntersStart()
    {
        var turn = SampleEngine().Continue(new CallState("nope", "en-US"), CallInput.Digits("1"));

        Assert.Equal("repaired", turn.Outcome);
        Assert.Equal(["welcome", "main"], turn.Path);
    }

    [Fact]
    public void Continue_EnterMarker_PresentsMenuInsteadOfApplyingInput()
    {
        var turn = SampleEngine().Continue(new CallState("main", "en-US") { Marker = CallStateMarker.Enter }, CallInput.Digits("1"));

        Assert.Equal(("entered", "main"), (turn.Outcome, turn.NodeId));
        Assert.Equal(["en-US/main-long.wav"], Keys(GatherOf(turn).Prompts));
    }

    [Fact]
    public void Start_UnknownLocale_UsesDefaultLocale()
    {
        var turn = SampleEngine().Start("fr-FR");

        Assert.Equal("en-US", turn.Locale);
        Assert.Equal("en-US/welcome.wav", Keys(turn.Steps)[0]);
    }

    [Fact]
    public void Continue_HangupNode_PlaysGoodbyeAndHangsUp()
    {
        var turn = SampleEngine().Continue(new CallState("goodbye", "es-US"), CallInput.Unknown);

        Assert.Equal(["es-US/goodbye.wav", "HangupStep"], Keys(turn.Steps));
    }

    [Fact]
    public void Continue_OptionToVoicemailWithNext_ThanksThenContinues()
    {
        var engine = MenuEngine(extraNodes: """
            "vm": { "type": "voicemail", "prompt": { "say": "Speak now" }, "maxLengthSeconds": 30, "playBeep": false, "thankYou": "bye", "next": "main" },
            """);

        var entered = engine.Continue(new CallState("vm", "en-US") { Marker = CallStateMarker.Enter }, CallInput.Unknown);
        var done = engine.Continue(new CallState("vm", "en-US"), CallInput.RecordingResult("https://x/r", 5));

        Assert.Equal(["say:Speak now", "RecordStep", "RedirectStep"], Keys(entered.Steps));
        Assert.Equal((30, false), (((RecordStep)entered.Steps[1]).MaxLengthSeconds, ((RecordStep)entered.Steps[1]).PlayBeep));
        Assert.Equal(["en-US/bye.wav", "GatherStep", "RedirectStep"], Keys(done.Steps));
    }

    [Fact]
    public void Start_PassiveLoopInBrokenFlow_StopsAtHopLimitWithGoodbye()
    {
        var result = FlowLoader.Parse(TestFlows.MenuFlowJson(extraNodes: """
            "a": { "type": "goto", "target": "b" },
            "b": { "type": "play", "prompts": [], "next": "a" },
            """).Replace("\"start\": \"main\"", "\"start\": \"a\"", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Code == "passive-loop");

        var turn = new FlowEngine(result.Flow!, TimeProvider.System).Start();

        Assert.Equal("hop-limit", turn.Outcome);
        Assert.Equal(FlowEngine.MaxHops, turn.Path.Count);
        Assert.Equal(["en-US/bye.wav", "HangupStep"], Keys(turn.Steps));
    }

    [Fact]
    public void Continue_BrokenReference_EndsWithGoodbyeInsteadOfThrowing()
    {
        var flow = FlowLoader.Parse(TestFlows.MenuFlowJson().Replace("\"next\": \"sub\"", "\"next\": \"missing\"", StringComparison.Ordinal)).Flow!;

        var turn = new FlowEngine(flow, TimeProvider.System).Continue(new CallState("main", "en-US"), CallInput.Digits("1"));

        Assert.Equal("broken-reference", turn.Outcome);
        Assert.Equal(["en-US/bye.wav", "HangupStep"], Keys(turn.Steps));
    }

    [Fact]
    public void Continue_StateCodecRoundTrip_KeepsTheCallWhereItWas()
    {
        var engine = SampleEngine();
        var invalid = engine.Continue(new CallState("main", "es-US"), CallInput.Digits("7"));
        var query = NoInputStateOf(invalid).ToQuery().ToDictionary(p => p.Key, p => (string?)p.Value);

        var decoded = CallState.Decode(query, TestFlows.Sample);
        var turn = engine.Continue(decoded.State, CallInput.Unknown);

        Assert.False(decoded.Repaired);
        Assert.Equal("no-input", turn.Outcome);
        Assert.Equal((1, 1, "es-US"), (GatherOf(turn).Next.Failures, GatherOf(turn).Next.Timeouts, GatherOf(turn).Next.Locale));
    }

    private static FlowEngine TextEngine(string? textNode = null) =>
        new(TestFlows.Parse(TestFlows.TextFlowJson(textNode)), new FakeTimeProvider(MondayMorning));

    [Fact]
    public void Start_TextNode_ReturnsSendTextStepAndContinuesInTheSameTurn()
    {
        var turn = TextEngine().Start("es-US");

        var text = Assert.IsType<SendTextStep>(turn.Steps[0]);
        Assert.Equal(("link", "Reserve: https://example.com/b", "es-US", null, null), (text.NodeId, text.Body, text.Locale, text.To, text.From));
        Assert.Equal("es-US/sent.wav", Assert.IsType<PlayPromptStep>(text.SentPrompt).AudioKey);
        Assert.Equal("en-US/sorry.wav", Assert.IsType<PlayPromptStep>(text.UnavailablePrompt).AudioKey);
        Assert.Equal(["SendTextStep", "es-US/bye.wav", "HangupStep"], Keys(turn.Steps));
        Assert.Equal(["link", "end"], turn.Path);
    }

    [Fact]
    public void Start_TextBodyMissingInCallLocale_SendsDefaultLocaleBody()
    {
        var turn = TextEngine("""
            "type": "text", "body": { "en-US": "Book online." }, "to": "+15005550009", "from": "MG0123456789abcdef0123456789abcdef", "next": "end"
            """).Start("es-US");

        var text = Assert.Single(turn.TextSteps);
        Assert.Equal(("Book online.", "en-US", "+15005550009", "MG0123456789abcdef0123456789abcdef"), (text.Body, text.Locale, text.To, text.From));
        Assert.Null(text.SentPrompt);
    }

    [Theory]
    [InlineData(true, "en-US/sent.wav")]
    [InlineData(false, "en-US/sorry.wav")]
    public void WithTextOutcomes_ReplacesTheStepByTheMatchingPrompt(bool accepted, string expected)
    {
        var turn = TextEngine().Start();
        var offered = new List<SendTextStep>();

        var heard = turn.WithTextOutcomes(step =>
        {
            offered.Add(step);
            return accepted;
        });

        Assert.Equal([expected, "en-US/bye.wav", "HangupStep"], Keys(heard.Steps));
        Assert.Equal("link", Assert.Single(offered).NodeId);
        Assert.Equal(turn.Path, heard.Path);
    }

    [Fact]
    public void WithTextOutcomes_NoPromptForTheOutcome_DropsTheStep()
    {
        var turn = TextEngine("""
            "type": "text", "body": "Book online.", "prompt": "sent", "next": "end"
            """).Start();

        var heard = turn.WithTextOutcomes(_ => false);

        Assert.Equal(["en-US/bye.wav", "HangupStep"], Keys(heard.Steps));
    }

    [Fact]
    public void WithTextOutcomes_TurnWithoutTexts_IsReturnedAsIs()
    {
        var turn = SampleEngine().Start();

        Assert.Same(turn, turn.WithTextOutcomes(_ => throw new InvalidOperationException("no text to offer")));
    }
}

