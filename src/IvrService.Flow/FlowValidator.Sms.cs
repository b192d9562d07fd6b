namespace IvrService.Flow;

// The checks of the sms section: keywords and texts.
public static partial class FlowValidator
{
    private sealed partial class Run
    {
        public void CheckSms()
        {
            if (_flow.Sms is null)
            {
                return;
            }

            if (_flow.Sms.MaxSegments is { } budget)
            {
                Range("$.sms.maxSegments", budget, 1, 24);
            }

            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < _flow.Sms.Keywords.Count; i++)
            {
                var path = $"$.sms.keywords[{i}]";
                var keyword = _flow.Sms.Keywords[i];
                if (keyword is null)
                {
                    Error(path, FlowProblemCodes.SmsInvalid, "Expected {\"match\": [...], \"reply\": …}.");
                    continue;
                }

                if (keyword.Match.Count == 0)
                {
                    Error(path + ".match", FlowProblemCodes.ValueMissing, "List at least one keyword.");
                }

                for (var j = 0; j < keyword.Match.Count; j++)
                {
                    var matchPath = $"{path}.match[{j}]";
                    var normalized = SmsResponder.Normalize(keyword.Match[j]);
                    if (normalized.Length == 0)
                    {
                        Error(matchPath, FlowProblemCodes.SmsKeywordEmpty, "Empty keyword.");
                    }
                    else if (SmsResponder.IsReserved(normalized))
                    {
                        Error(matchPath, FlowProblemCodes.SmsKeywordReserved,
                            $"'{keyword.Match[j]}' is a carrier opt-out/opt-in keyword that Twilio answers itself; the flow cannot reply to it.");
                    }
                    else if (seen.TryGetValue(normalized, out var other))
                    {
                        Error(matchPath, FlowProblemCodes.SmsKeywordDuplicate, $"Keyword '{keyword.Match[j]}' is also matched at {other}.");
                    }
                    else
                    {
                        seen[normalized] = matchPath;
                    }
                }

                CheckText(path + ".reply", keyword.Reply, required: true);
            }

            if (_flow.Sms.DefaultReply is null)
            {
                Warning("$.sms.defaultReply", FlowProblemCodes.ValueMissing, "Messages that match no keyword get no reply.");
            }
            else
            {
                CheckText("$.sms.defaultReply", _flow.Sms.DefaultReply, required: true);
            }
        }
    }
}
