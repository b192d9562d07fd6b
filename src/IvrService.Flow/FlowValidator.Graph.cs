namespace IvrService.Flow;

// The checks of the flow as a graph: what start reaches, and cycles that would never wait for the caller.
public static partial class FlowValidator
{
    private sealed partial class Run
    {
        public void CheckReachability()
        {
            if (_flow.FindNode(_flow.Start) is null)
            {
                return;
            }

            var reached = new HashSet<string>(StringComparer.Ordinal) { _flow.Start! };
            var queue = new Queue<string>([_flow.Start!]);
            while (queue.TryDequeue(out var id))
            {
                foreach (var (_, target) in _flow.FindNode(id)?.Links() ?? [])
                {
                    if (target is not null && _flow.FindNode(target) is not null && reached.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }

            foreach (var id in _flow.Nodes.Keys.Where(id => !reached.Contains(id)))
            {
                Warning(JsonPath.Of("$", "nodes", id), FlowProblemCodes.UnreachableNode, $"Node '{id}' cannot be reached from '{_flow.Start}'.");
            }
        }

        // play, hours, language and goto run within one webhook turn; a cycle made only of them never waits for the
        // caller and never ends (the engine's hop limit would hang up instead).
        public void CheckPassiveLoops()
        {
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new List<string>();
            var reported = new HashSet<string>(StringComparer.Ordinal);

            foreach (var id in _flow.Nodes.Keys)
            {
                Visit(id);
            }

            void Visit(string id)
            {
                if (!IsPassive(_flow.FindNode(id)) || state.GetValueOrDefault(id) == 2)
                {
                    return;
                }

                state[id] = 1;
                stack.Add(id);
                foreach (var (_, target) in _flow.FindNode(id)!.Links())
                {
                    if (target is null || !IsPassive(_flow.FindNode(target)))
                    {
                        continue;
                    }

                    if (state.GetValueOrDefault(target) == 1)
                    {
                        var cycle = stack.Skip(stack.IndexOf(target)).ToList();
                        var key = string.Join(" ", cycle.Order(StringComparer.Ordinal));
                        if (reported.Add(key))
                        {
                            Error(JsonPath.Of("$", "nodes", target), FlowProblemCodes.PassiveLoop,
                                $"Loop without a menu, transfer, voicemail or hangup: {string.Join(" → ", cycle)} → {target}.");
                        }
                    }
                    else
                    {
                        Visit(target);
                    }
                }

                stack.RemoveAt(stack.Count - 1);
                state[id] = 2;
            }
        }
    }
}
