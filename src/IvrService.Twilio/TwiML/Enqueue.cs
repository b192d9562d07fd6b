namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Enqueue&gt;</c>: put the caller in a named queue.</summary>
/// <param name="queueName">The queue's name (null when a TaskRouter <see cref="WorkflowSid"/> decides).</param>
public sealed class Enqueue(string? queueName = null) : IVoiceVerb
{
    /// <summary>The queue's name.</summary>
    public string? QueueName { get; } = queueName;

    /// <summary><c>action</c>: where Twilio posts when the caller leaves the queue.</summary>
    public string? Action { get; init; }

    /// <summary><c>method</c> for <see cref="Action"/>.</summary>
    public TwilioHttpMethod? Method { get; init; }

    /// <summary><c>waitUrl</c>: TwiML played while waiting.</summary>
    public string? WaitUrl { get; init; }

    /// <summary><c>waitUrlMethod</c>.</summary>
    public TwilioHttpMethod? WaitUrlMethod { get; init; }

    /// <summary><c>maxQueueSize</c>.</summary>
    public int? MaxQueueSize { get; init; }

    /// <summary><c>workflowSid</c> (TaskRouter).</summary>
    public string? WorkflowSid { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Enqueue");
        writer.Attribute("action", Action);
        writer.Attribute("method", Method);
        writer.Attribute("waitUrl", WaitUrl);
        writer.Attribute("waitUrlMethod", WaitUrlMethod);
        writer.Attribute("maxQueueSize", MaxQueueSize);
        writer.Attribute("workflowSid", WorkflowSid);
        writer.Text(QueueName);
        writer.EndElement();
    }
}
