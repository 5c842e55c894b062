using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// SignalR's JSON protocol with one change: a call whose arguments do not bind (a number where the hub takes text, an
/// object, too few or too many) is refused with the hub's code, <see cref="HubErrors.InvalidArguments"/>, naming the
/// argument ("… HubException: invalid-arguments: text") or the arguments the method takes ("… takes text, clientId"),
/// as the hub refuses other input. SignalR's own answer, "Failed to invoke 'SendMessage' due to an error on the
/// server.", carried no code. Only a hand-made client sends such a call; the connection stays usable. Nothing of the
/// server's inside is said: the names are the hub's public methods' own.
/// </summary>
public sealed class CodedArgumentsProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private readonly JsonHubProtocol json = new(options);
    private readonly JsonSerializerOptions payload = options.Value.PayloadSerializerOptions;

    public string Name => json.Name;

    public int Version => json.Version;

    public TransferFormat TransferFormat => json.TransferFormat;

    public bool IsVersionSupported(int version) => json.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => json.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => json.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var before = input;
        if (!json.TryParseMessage(ref input, binder, out message)) return false;
        // A HubException is SignalR's own word for a method the hub has not: it says so already.
        if (message is InvocationBindingFailureMessage failure && failure.BindingFailure.SourceException is not HubException)
        {
            // The frame just read, without its record separator.
            var frame = before.Slice(0, before.Length - input.Length - 1);
            var which = Which(frame, failure.Target, binder);
            var refusal = new HubException(which.Length == 0 ? HubErrors.InvalidArguments : $"{HubErrors.InvalidArguments}: {which}");
            message = new InvocationBindingFailureMessage(failure.InvocationId, failure.Target, ExceptionDispatchInfo.Capture(refusal));
        }
        return true;
    }

    /// <summary>The first argument that does not bind, by its name; where their number is wrong, the ones the method takes.</summary>
    private string Which(ReadOnlySequence<byte> frame, string target, IInvocationBinder binder)
    {
        var names = typeof(SessionHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .FirstOrDefault(m => string.Equals(m.Name, target, StringComparison.OrdinalIgnoreCase))?
            .GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.Name ?? "").ToArray();
        var types = binder.GetParameterTypes(target);
        if (names is null || names.Length != types.Count) return "";
        var takes = names.Length == 0 ? "takes none" : "takes " + string.Join(", ", names);
        try
        {
            using var document = JsonDocument.Parse(frame);
            if (!document.RootElement.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.Array
                || arguments.GetArrayLength() != types.Count)
            {
                return takes;
            }
            var i = 0;
            foreach (var argument in arguments.EnumerateArray())
            {
                if (!Binds(argument, types[i])) return names[i];
                i++;
            }
        }
        catch (JsonException)
        {
            // A frame SignalR read but this reader does not: the method's arguments, as for a wrong number.
        }
        return takes;
    }

    private bool Binds(JsonElement argument, Type type)
    {
        try
        {
            argument.Deserialize(type, payload);
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}
