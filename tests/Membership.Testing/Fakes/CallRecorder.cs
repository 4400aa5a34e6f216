using System.Collections.Concurrent;
using System.Reflection;

namespace Membership.Testing.Fakes;

/// <summary>
/// A fake of any Contracts interface that records every call and answers with a handler given per method name
/// (default: a completed task of the default value). Saves writing a class per fake for wide interfaces.
/// </summary>
public class CallRecorder : DispatchProxy
{
    private readonly ConcurrentQueue<(string Method, object?[] Args)> _calls = new();
    private readonly Dictionary<string, Func<object?[], object?>> _answers = [];

    public IReadOnlyList<(string Method, object?[] Args)> Calls => [.. _calls];

    public static T Create<T>(out CallRecorder recorder)
        where T : class
    {
        var proxy = Create<T, CallRecorder>();
        recorder = (CallRecorder)(object)proxy;
        return proxy;
    }

    /// <summary>Answers calls of <paramref name="method"/> (a Task's result, not the Task).</summary>
    public CallRecorder Answer(string method, Func<object?[], object?> answer)
    {
        _answers[method] = answer;
        return this;
    }

    public IEnumerable<object?[]> CallsOf(string method) => Calls.Where(c => c.Method == method).Select(c => c.Args);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        _calls.Enqueue((targetMethod.Name, args));
        var result = _answers.TryGetValue(targetMethod.Name, out var answer) ? answer(args) : null;
        var returnType = targetMethod.ReturnType;
        if (returnType == typeof(Task))
        {
            return Task.CompletedTask;
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var valueType = returnType.GetGenericArguments()[0];
            var value = result ?? (valueType.IsValueType ? Activator.CreateInstance(valueType) : null);
            return typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(valueType).Invoke(null, [value]);
        }

        return result;
    }
}
