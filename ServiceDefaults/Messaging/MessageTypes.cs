using System.Collections.Concurrent;
using Municipal.Contracts.Booking;

namespace Municipal.ServiceDefaults.Messaging;

/// <summary>Resolves a stored message type name; integration events all live in the Contracts assembly.</summary>
internal static class MessageTypes
{
    private static readonly ConcurrentDictionary<string, Type> Cache = new();

    public static Type Resolve(string fullName) => Cache.GetOrAdd(fullName, name =>
        typeof(AppointmentBooked).Assembly.GetType(name)
        ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null)
        ?? throw new InvalidOperationException($"Unknown message type {name}"));
}
