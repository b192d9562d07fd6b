using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IvrService.Hosting.Logging;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace IvrService.Hosting.Tests.Logging;

/// <summary>
/// The app's JSON log lines against Serilog's own <see cref="RenderedCompactJsonFormatter"/>: for seeded random
/// events covering every level, exceptions, trace ids, property names with '@' and every kind of value, both must
/// parse to the same JSON document, and ours must be one line.
/// </summary>
public class ClefLineFormatterTests
{
    private static readonly MessageTemplateParser Parser = new();

    private static readonly string[] Templates =
    [
        "HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.000} ms",
        "Call {CallSid}: callback state repaired ({Repairs}); continuing at {Node}",
        "Structured {@Value} and stringified {$Other}",
        "Aligned {Name,10} and {Count,-5} with {Missing}",
        "No properties at all",
        "Escapes \"quoted\" \\ back\tslash\u0001 and {Text}",
        "{Leading} only",
        "",
    ];

    [Fact]
    public void SeededEvents_MatchSerilogsFormatter()
    {
        var random = new Random(20261124);
        var ours = new ClefLineFormatter();
        var theirs = new RenderedCompactJsonFormatter();
        for (var i = 0; i < 2000; i++)
        {
            var logEvent = RandomEvent(random);

            var reference = new StringWriter(CultureInfo.InvariantCulture);
            try
            {
                theirs.Format(logEvent, reference);
            }
            catch (FormatException)
            {
                // A value its format cannot apply to (an enum under "0.000"): ours fails the same way, and the sink
                // drops that one event (StdoutBatchSinkTests).
                Assert.Throws<FormatException>(() => Ours(ours, logEvent));
                continue;
            }

            var line = Ours(ours, logEvent);

            Assert.EndsWith("\n", line, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', line[..^1]);
            var expected = JsonNode.Parse(reference.ToString());
            var actual = JsonNode.Parse(line);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"event {i}\nserilog: {reference}\nours:    {line}");
        }
    }

    [Fact]
    public void CompletionEvent_HasTheFieldsOperatorsQuery()
    {
        var template = Parser.Parse("HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.000} ms");
        var logEvent = new LogEvent(
            new DateTimeOffset(2026, 11, 24, 0, 3, 52, TimeSpan.Zero).AddTicks(5133181),
            LogEventLevel.Warning,
            null,
            template,
            [
                new LogEventProperty("RequestMethod", new ScalarValue("POST")),
                new LogEventProperty("RequestPath", new ScalarValue("/voice")),
                new LogEventProperty("StatusCode", new ScalarValue(200)),
                new LogEventProperty("Elapsed", new ScalarValue(0.020488)),
                new LogEventProperty("CallSid", new ScalarValue("CA0001")),
            ],
            ActivityTraceId.CreateFromString("03f19686a4ad3a76d13ee84a0d6b2bfc"),
            ActivitySpanId.CreateFromString("237e3a38ccd6753e"));

        var line = Ours(new ClefLineFormatter(), logEvent);

        Assert.Equal(
            "{\"@t\":\"2026-11-24T00:03:52.5133181Z\",\"@m\":\"HTTP \\\"POST\\\" \\\"/voice\\\" answered 200 in 0.020 ms\"," +
            "\"@i\":\"c6374fd2\",\"@l\":\"Warning\",\"@tr\":\"03f19686a4ad3a76d13ee84a0d6b2bfc\",\"@sp\":\"237e3a38ccd6753e\"," +
            "\"RequestMethod\":\"POST\",\"RequestPath\":\"/voice\",\"StatusCode\":200,\"Elapsed\":0.020488,\"CallSid\":\"CA0001\"}\n",
            line);
    }

    private static string Ours(ClefLineFormatter formatter, LogEvent logEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        formatter.Format(logEvent, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static LogEvent RandomEvent(Random random)
    {
        var template = Parser.Parse(Templates[random.Next(Templates.Length)]);
        var names = template.Tokens.OfType<PropertyToken>().Select(t => t.PropertyName)
            .Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => RandomName(random)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var properties = names.Select(n => new LogEventProperty(n, RandomValue(random, depth: 0))).ToList();
        var exception = random.Next(5) == 0 ? Thrown(random) : null;
        var timestamp = DateTimeOffset.UnixEpoch.AddTicks(random.NextInt64(0, 700_000_000_000_000_000)).ToOffset(TimeSpan.FromHours(random.Next(-12, 13)));
        var level = (LogEventLevel)random.Next(0, 6);
        return random.Next(2) == 0
            ? new LogEvent(timestamp, level, exception, template, properties)
            : new LogEvent(timestamp, level, exception, template, properties, ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
    }

    private static string RandomName(Random random) => random.Next(6) switch
    {
        0 => "@odd",
        1 => "Città",
        2 => "with space",
        3 => "q\"uote",
        _ => "P" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
    };

    private static LogEventPropertyValue RandomValue(Random random, int depth)
    {
        var kind = random.Next(depth < 2 ? 24 : 20);
        return kind switch
        {
            0 => new ScalarValue(null),
            1 => new ScalarValue(RandomText(random)),
            2 => new ScalarValue(random.Next(2) == 0),
            3 => new ScalarValue(random.Next(int.MinValue, int.MaxValue)),
            4 => new ScalarValue(random.NextInt64(long.MinValue, long.MaxValue)),
            5 => new ScalarValue(new[] { 0.1, 0.020488, 1e300, -0.0, double.NaN, double.PositiveInfinity, double.Epsilon, random.NextDouble() }[random.Next(8)]),
            6 => new ScalarValue(new[] { 1.5f, float.NaN, float.NegativeInfinity, (float)random.NextDouble() }[random.Next(4)]),
            7 => new ScalarValue((decimal)random.NextDouble() * 1000m),
            8 => new ScalarValue(DateTime.UnixEpoch.AddSeconds(random.Next())),
            9 => new ScalarValue(DateTimeOffset.UnixEpoch.AddSeconds(random.Next()).ToOffset(TimeSpan.FromHours(-5))),
            10 => new ScalarValue(TimeSpan.FromMilliseconds(random.Next())),
            11 => new ScalarValue(new Guid(random.Next(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
            12 => new ScalarValue((char)random.Next(32, 0x3000)),
            13 => new ScalarValue(new Uri("https://example.com/a?b=" + random.Next())),
            14 => new ScalarValue(LogEventLevel.Warning),
            15 => new ScalarValue((byte)random.Next(256)),
            16 => new ScalarValue(ulong.MaxValue - (ulong)random.Next()),
            17 => new ScalarValue((short)random.Next(short.MinValue, short.MaxValue)),
            18 => new ScalarValue(new DateOnly(2026, 11, random.Next(1, 30))),
            19 => new ScalarValue(new TimeOnly(random.Next(24), random.Next(60))),
            20 => new SequenceValue(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))),
            21 => new StructureValue(
                Enumerable.Range(0, random.Next(4)).Select(i => new LogEventProperty("F" + i, RandomValue(random, depth + 1))),
                random.Next(2) == 0 ? null : "Caller"),
            22 => new DictionaryValue(Enumerable.Range(0, random.Next(3)).Select(i =>
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue("k" + i), RandomValue(random, depth + 1)))),
            _ => new ScalarValue(RandomText(random)),
        };
    }

    private static string RandomText(Random random)
    {
        const string alphabet = "aZ9 \"\\/<>&'\t\n\r\u0001\u001f\u007fé中😀\u2028{}@";
        var runes = alphabet.EnumerateRunes().ToArray();
        var builder = new StringBuilder();
        for (var i = random.Next(0, 30); i > 0; i--)
        {
            builder.Append(runes[random.Next(runes.Length)].ToString());
        }

        return builder.ToString();
    }

    private static InvalidOperationException Thrown(Random random)
    {
        try
        {
            throw new InvalidOperationException("failed \"badly\"\n at step " + random.Next(100));
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
