namespace IvrService.Flow.Tests;

public class CallStateTests
{
    private static CallStateDecodeResult Decode(params (string Key, string? Value)[] query) =>
        CallState.Decode(query.ToDictionary(p => p.Key, p => p.Value), TestFlows.Sample);

    [Fact]
    public void ToQuery_FreshState_WritesOnlyNodeAndLocale()
    {
        var query = new CallState("main", "en-US").ToQuery();

        Assert.Equal(new Dictionary<string, string> { ["n"] = "main", ["l"] = "en-US" }, query);
    }

    [Fact]
    public void ToQuery_FullState_UsesShortKeys()
    {
        var state = new CallState("main", "es-US") { Failures = 2, Timeouts = 1, Back = ["main", "main"], Marker = CallStateMarker.NoInput };

        var query = state.ToQuery();

        Assert.Equal(
            new Dictionary<string, string> { ["n"] = "main", ["l"] = "es-US", ["f"] = "2", ["t"] = "1", ["b"] = "main.main", ["x"] = "noinput" },
            query);
    }

    [Fact]
    public void Decode_RoundTrip_IsIntact()
    {
        var state = new CallState("main", "es-US") { Failures = 1, Timeouts = 2, Back = ["main"], Marker = CallStateMarker.NoInput };

        var result = CallState.Decode(state.ToQuery().ToDictionary(p => p.Key, p => (string?)p.Value), TestFlows.Sample);

        Assert.False(result.Repaired, string.Join("; ", result.Repairs));
        Assert.Equal(state.ToQuery(), result.State.ToQuery());
    }

    [Fact]
    public void Decode_OtherParameters_AreIgnored()
    {
        var result = Decode(("n", "sales"), ("l", "en-US"), ("CallSid", "CA123"), ("Digits", "1"));

        Assert.False(result.Repaired);
        Assert.Equal("sales", result.State.NodeId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("does-not-exist")]
    [InlineData("../../etc/passwd")]
    [InlineData("main<script>")]
    public void Decode_MissingOrUnknownNode_EntersStart(string? node)
    {
        var result = Decode(("n", node), ("l", "en-US"), ("f", "2"));

        Assert.True(result.Repaired);
        Assert.Equal("welcome", result.State.NodeId);
        Assert.Equal(CallStateMarker.Enter, result.State.Marker);
        Assert.Equal(0, result.State.Failures);
    }

    [Theory]
    [InlineData("-1", 0)]
    [InlineData("abc", 0)]
    [InlineData("99999999999999999999", 0)]
    [InlineData("1e3", 0)]
    [InlineData("7", 2)]
    [InlineData("2147483647", 2)]
    public void Decode_TamperedCounter_IsClampedBelowTheMenuLimit(string failures, int expected)
    {
        var result = Decode(("n", "main"), ("l", "en-US"), ("f", failures), ("t", failures));

        Assert.True(result.Repaired);
        Assert.Equal("main", result.State.NodeId);
        Assert.Equal((expected, expected), (result.State.Failures, result.State.Timeouts));
    }

    [Fact]
    public void Decode_ClampedCounters_LetTheNextMistakeGiveUp()
    {
        var decoded = Decode(("n", "main"), ("f", "500")).State;

        var turn = new FlowEngine(TestFlows.Sample, TimeProvider.System).Continue(decoded, CallInput.Digits("7"));

        Assert.Equal("max-failures", turn.Outcome);
    }

    [Fact]
    public void Decode_CountersAtNonMenuNode_AreDropped()
    {
        var result = Decode(("n", "sales"), ("f", "1"));

        Assert.True(result.Repaired);
        Assert.Equal(0, result.State.Failures);
        Assert.Equal(CallStateMarker.Enter, result.State.Marker);
    }

    [Theory]
    [InlineData("xx-XX")]
    [InlineData("EN-us")]
    [InlineData("'; DROP TABLE")]
    public void Decode_UnknownLocale_UsesDefault(string locale)
    {
        var result = Decode(("n", "main"), ("l", locale));

        Assert.True(result.Repaired);
        Assert.Equal("en-US", result.State.Locale);
    }

    [Fact]
    public void Decode_MissingLocale_UsesDefaultWithoutRepair()
    {
        var result = Decode(("n", "main"));

        Assert.False(result.Repaired);
        Assert.Equal("en-US", result.State.Locale);
    }

    [Fact]
    public void Decode_BackStackWithNonMenus_KeepsOnlyMenus()
    {
        var result = Decode(("n", "main"), ("b", "main.sales.nope..main"));

        Assert.True(result.Repaired);
        Assert.Equal(["main", "main"], result.State.Back);
    }

    [Fact]
    public void Decode_HugeBackStack_IsCut()
    {
        var result = Decode(("n", "main"), ("b", string.Join('.', Enumerable.Repeat("main", 50))));

        Assert.True(result.Repaired);
        Assert.Equal(CallState.MaxBackDepth, result.State.Back.Count);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("NOINPUT")]
    public void Decode_UnknownMarker_IsIgnored(string marker)
    {
        var result = Decode(("n", "main"), ("x", marker));

        Assert.True(result.Repaired);
        Assert.Equal(CallStateMarker.None, result.State.Marker);
    }

    [Fact]
    public void Decode_NoInputMarkerAtTransfer_EntersNodeInstead()
    {
        var result = Decode(("n", "sales"), ("x", "noinput"));

        Assert.True(result.Repaired);
        Assert.Equal(CallStateMarker.Enter, result.State.Marker);
    }

    [Fact]
    public void Decode_AbsurdlyLongValues_AreRepairedNotThrown()
    {
        var huge = new string('9', 100_000);

        var result = Decode(("n", huge), ("l", huge), ("f", huge), ("t", huge), ("b", huge), ("x", huge));

        Assert.True(result.Repaired);
        Assert.Equal(("welcome", "en-US", 0, 0), (result.State.NodeId, result.State.Locale, result.State.Failures, result.State.Timeouts));
        Assert.Empty(result.State.Back);
        Assert.All(result.Repairs, r => Assert.True(r.Length < 200, r));
    }
}
