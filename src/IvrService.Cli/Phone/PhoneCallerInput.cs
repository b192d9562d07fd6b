using System.Threading.Channels;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Phone;

/// <summary>
/// The caller at the browser: each &lt;Gather&gt; announces itself (the page shows what it listens for and times
/// out like Twilio) and waits for exactly one answer. Keys sent while nothing listens are refused, as Twilio
/// discards tones outside a Gather, so a double click can never leak into the next menu.
/// </summary>
internal sealed class PhoneCallerInput(Action<GatherContext> onListening) : ICallerInput
{
    private readonly Channel<CallerAction> _actions = Channel.CreateUnbounded<CallerAction>();
    private int _listening;

    /// <summary>True while a Gather waits for the caller.</summary>
    public bool IsListening => Volatile.Read(ref _listening) == 1;

    public async ValueTask<CallerAction> NextAsync(GatherContext gather, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gather);
        Volatile.Write(ref _listening, 1);
        onListening(gather);
        try
        {
            return await _actions.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return CallerAction.Hangup;
        }
        finally
        {
            Volatile.Write(ref _listening, 0);
        }
    }

    /// <summary>Answers the waiting Gather; false when none waits (or another answer got there first).</summary>
    public bool TrySubmit(CallerAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Interlocked.CompareExchange(ref _listening, 0, 1) == 1 && _actions.Writer.TryWrite(action);
    }

    /// <summary>The caller hangs up: the waiting Gather (or the next one) gets <see cref="CallerAction.Hangup"/>.</summary>
    public void HangUp() => _actions.Writer.TryComplete();
}
